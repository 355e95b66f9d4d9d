package com.kippu.iso8583.spec;

import static com.kippu.iso8583.spec.Condition.fieldIs;
import static com.kippu.iso8583.spec.FieldRule.conditional;
import static com.kippu.iso8583.spec.FieldRule.mandatory;
import static com.kippu.iso8583.spec.FieldRule.optional;

import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ProcessingCode;
import com.kippu.iso8583.ResponseCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jpos.iso.ISOMsg;

/**
 * The catalogue of message types of both links: the single source the validator checks against and
 * the spec pages in {@code iso8583-specs/docs/} are rendered from (a test fails when a committed
 * page differs from its rendering).
 */
public final class Specs {
  private static final String TO_HOST = "terminal → host";
  private static final String TO_TERMINAL = "host → terminal";

  private static final Condition NOT_FORMAT_ERROR =
      Condition.requiredWhen(
          "echoed; may be missing only when 39 = `30`",
          m -> !ResponseCode.FORMAT_ERROR.code().equals(m.getString(Field.RESPONSE_CODE)));

  private static final Condition APPROVED =
      Condition.onlyWhen(
          "present only when 39 = `00`",
          fieldIs(Field.RESPONSE_CODE, ResponseCode.APPROVED.code()));

  private static final List<MessageSpec> ALL =
      List.of(
          networkManagement(Link.BANK_HOST),
          accountTransfer(),
          cashDeposit(),
          debitAuthorization(),
          bankReversal(Mti.REVERSAL_ADVICE),
          bankReversal(Mti.REVERSAL_ADVICE_REPEAT),
          networkManagement(Link.CARD_NETWORK),
          cardAuthorization(),
          cardReversal(Mti.REVERSAL_ADVICE),
          cardReversal(Mti.REVERSAL_ADVICE_REPEAT));

  private static final Map<Link, List<MessageSpec>> BY_LINK = byLink();

  /** Per link and MTI, the sides a message may be, in catalogue order (request before response). */
  private static final Map<Link, Map<String, List<Candidate>>> BY_MTI = byMti();

  private Specs() {}

  /** Every message type of both links. */
  public static List<MessageSpec> all() {
    return ALL;
  }

  /** The message types of {@code link}. */
  public static List<MessageSpec> of(Link link) {
    return BY_LINK.get(link);
  }

  /** The spec page named {@code id} on {@code link}. */
  public static MessageSpec byId(Link link, String id) {
    return of(link).stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no spec " + link.slug() + "/" + id));
  }

  /**
   * The message type {@code m} belongs to on {@code link}, by MTI and, where several types share an
   * MTI, by processing code (field 3); empty when none matches.
   */
  public static Optional<Match> find(Link link, ISOMsg m) {
    String mti = m.getString(0);
    if (mti == null) {
      return Optional.empty();
    }
    List<Candidate> candidates = BY_MTI.get(link).get(mti);
    if (candidates == null) {
      return Optional.empty();
    }
    for (Candidate c : candidates) {
      if (c.selects(m)) {
        return c.found();
      }
    }
    return Optional.empty();
  }

  /** A message type and the side of it a message is. */
  public record Match(MessageSpec spec, MessageSide side, boolean request) {}

  /**
   * One side a message of some MTI may be, with the field 3 values that select it and the answer
   * {@link #find} gives, both made once.
   */
  private record Candidate(Set<String> processingCodes, boolean request, Optional<Match> found) {
    /**
     * Field 3 tells message types with one MTI apart; a response without it (a format error answer)
     * is checked against the first type of its MTI, whose response rules all share.
     */
    boolean selects(ISOMsg m) {
      if (processingCodes.isEmpty()) {
        return true;
      }
      String pc = m.getString(Field.PROCESSING_CODE);
      if (pc == null) {
        return !request;
      }
      return processingCodes.contains(pc);
    }
  }

  private static Map<Link, List<MessageSpec>> byLink() {
    Map<Link, List<MessageSpec>> byLink = new EnumMap<>(Link.class);
    for (Link link : Link.values()) {
      byLink.put(link, ALL.stream().filter(s -> s.link() == link).toList());
    }
    return byLink;
  }

  private static Map<Link, Map<String, List<Candidate>>> byMti() {
    Map<Link, Map<String, List<Candidate>>> index = new EnumMap<>(Link.class);
    for (Link link : Link.values()) {
      Map<String, List<Candidate>> mtis = new HashMap<>();
      for (MessageSpec s : BY_LINK.get(link)) {
        Set<String> pcs = codes(s.processingCodes());
        for (boolean isRequest : new boolean[] {true, false}) {
          MessageSide side = isRequest ? s.request() : s.response();
          Candidate c = new Candidate(pcs, isRequest, Optional.of(new Match(s, side, isRequest)));
          for (String mti : side.mtis()) {
            mtis.computeIfAbsent(mti, k -> new ArrayList<>()).add(c);
          }
        }
      }
      mtis.replaceAll((k, v) -> List.copyOf(v));
      index.put(link, Map.copyOf(mtis));
    }
    return index;
  }

  // ---- bank host link -------------------------------------------------------------------------

  private static MessageSpec networkManagement(Link link) {
    List<CodeRow> codes =
        List.of(
            new CodeRow(NetworkManagementCode.SIGN_ON, "sign-on", "the terminal starts a session"),
            new CodeRow(NetworkManagementCode.SIGN_OFF, "sign-off", "the terminal ends a session"),
            new CodeRow(
                NetworkManagementCode.KEY_CHANGE,
                "key change",
                "the host generates new working keys (TPK, TAK) and returns them in 48"),
            new CodeRow(
                NetworkManagementCode.ECHO_TEST,
                "echo test",
                "proves the link and the host application are alive; changes nothing"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "request understood (and, for `161`, keys changed)"),
            rc(ResponseCode.FORMAT_ERROR, "a field missing, ill-formed or not allowed"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing changed"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    MessageSide request =
        side(
            Mti.NETWORK_MANAGEMENT_REQUEST,
            TO_HOST,
            mandatory(Field.TRANSMISSION_DATE_TIME, "when the message left the terminal, UTC"),
            mandatory(Field.STAN, "terminal's next trace number, never `000000`"),
            mandatory(Field.TERMINAL_ID, "the terminal; with 11 it matches the reply"),
            mandatory(Field.NETWORK_MANAGEMENT_CODE, codes(codes), "see the codes below"),
            mandatory(
                Field.MAC_SECONDARY, "MAC under the key-exchange MAC key, see key-hierarchy"));
    MessageSide response =
        side(
            Mti.NETWORK_MANAGEMENT_RESPONSE,
            TO_TERMINAL,
            conditional(Field.TRANSMISSION_DATE_TIME, NOT_FORMAT_ERROR, "from the 0800"),
            mandatory(Field.STAN, "echoed"),
            mandatory(Field.RESPONSE_CODE, codes(rcs), "see below"),
            mandatory(Field.TERMINAL_ID, "echoed"),
            conditional(
                Field.ADDITIONAL_DATA,
                Condition.onlyWhen(
                    "only when 70 = `161` and 39 = `00`",
                    m ->
                        NetworkManagementCode.KEY_CHANGE.equals(
                                m.getString(Field.NETWORK_MANAGEMENT_CODE))
                            && ResponseCode.APPROVED
                                .code()
                                .equals(m.getString(Field.RESPONSE_CODE))),
                "new working keys: `TPK` + 32 hex (TPK under TMK) + 6 hex check value, then `TAK`"
                    + " + 32 hex + 6 hex check value"),
            conditional(Field.NETWORK_MANAGEMENT_CODE, NOT_FORMAT_ERROR, "from the 0800"),
            mandatory(Field.MAC_SECONDARY, "MAC under the same key as the 0800's"));
    return new MessageSpec(
        "0800-network-management",
        link,
        "0800 / 0810 – network management (sign-on, sign-off, echo test, key change)",
        "The terminal signs on with 0800 `001`, then changes its working keys with 0800 `161`"
            + " before any other request; while idle it sends 0800 `301` as an echo test. Only"
            + " `161` changes state at the host (the terminal's working keys; the previous ones"
            + " stay valid until the terminal uses the new ones). Replies are matched by terminal"
            + " id and STAN (fields 41 and 11).\n\n"
            + "Framing for every message on this link: 2-byte big-endian binary length, then the"
            + " ISO 8583:1987 message with ASCII MTI, hex bitmap (secondary bitmap when a field"
            + " above 64 is present) and ASCII numerics (`"
            + link.slug()
            + ".xml`). Every message carries a MAC (see [key hierarchy](../key-hierarchy.md)).",
        request,
        response,
        List.of(),
        codes,
        rcs,
        "");
  }

  private static MessageSpec accountTransfer() {
    List<CodeRow> pcs =
        List.of(
            new CodeRow(
                ProcessingCode.ACCOUNT_TRANSFER,
                "account transfer",
                "cardholder account transfer from the customer's ordinary savings account to an"
                    + " account whose type the host knows (the issuer's settlement account)"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "money moved"),
            rc(
                ResponseCode.INVALID_TRANSACTION,
                "processing code or currency not supported, from = to"),
            rc(
                ResponseCode.INVALID_ACCOUNT,
                "from or to account unknown, or the card in 2 is not a cash card of the account in"
                    + " 102; nothing moved"),
            rc(
                ResponseCode.FORMAT_ERROR,
                "a field missing, ill-formed or not allowed (named in the host log)"),
            rc(ResponseCode.INSUFFICIENT_FUNDS, "from-account balance below the amount"),
            rc(
                ResponseCode.EXPIRED_CARD,
                "the cash card has expired; nothing moved (the simulated bank keeps no expiry for"
                    + " cash cards: fault switch)"),
            rc(
                ResponseCode.INCORRECT_PIN,
                "the PIN did not verify; the card's try counter went up, nothing moved"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing moved"),
            rc(
                ResponseCode.PIN_TRIES_EXCEEDED,
                "third wrong PIN in a row, or the card is blocked; nothing moved"),
            rc(
                ResponseCode.ISSUER_UNAVAILABLE,
                "account-holding bank not reachable (fault switch)"),
            rc(ResponseCode.DUPLICATE_TRANSMISSION, "fields 41, 11, 7 seen before; nothing moved"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    return new MessageSpec(
        "0200-account-transfer",
        Link.BANK_HOST,
        "0200 / 0210 – account transfer (ticket payment, S1 ¶57)",
        "The customer pays a ticket by moving the price from their account to the ticket issuer's"
            + " account, and proves they hold it with the PIN of its cash card: field 2 is the cash"
            + " card's number (the PAN of a magnetic cash card, or for an IC card the PAN derived"
            + " from the account: bank, branch and account digits and a Luhn check digit), field 52"
            + " its PIN as an ISO 9564 format 0 block under the terminal's TPK. The host moves money"
            + " only when the card is a cash card of the account in 102 and the PIN verifies; three"
            + " wrong PINs in a row block the card. The host applies a transmission at most once:"
            + " the key is terminal id, STAN and transmission date and time (fields 41, 11, 7); a"
            + " repeated key is answered `94` and moves nothing. Money, the PIN try counter, the"
            + " log row and the answer are decided in one database transaction, committed before"
            + " the 0210 leaves.",
        financialRequest(
            Mti.FINANCIAL_REQUEST,
            pcs,
            mandatory(Field.PAN, "cash card number; never echoed, never logged in full"),
            mandatory(Field.PIN_BLOCK, "ISO 9564 format 0 PIN block under the TPK"),
            mandatory(Field.FROM_ACCOUNT, "from: customer's account, `0001-001-1234567`"),
            mandatory(Field.TO_ACCOUNT, "to: ticket issuer's account"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK")),
        financialResponse(
            Mti.FINANCIAL_RESPONSE,
            rcs,
            conditional(Field.FROM_ACCOUNT, NOT_FORMAT_ERROR, "echoed"),
            conditional(Field.TO_ACCOUNT, NOT_FORMAT_ERROR, "echoed"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK")),
        pcs,
        List.of(),
        rcs,
        "Fields 2 and 52 are not echoed. When no 0210 arrives within the request timeout, or the"
            + " 0210's MAC does not verify, the terminal sends a 0420 for the 0200 (see"
            + " `0420-reversal.md`, which carries neither card number nor PIN block) and treats"
            + " the outcome as unknown.");
  }

  private static MessageSpec cashDeposit() {
    List<CodeRow> pcs =
        List.of(
            new CodeRow(
                ProcessingCode.CASH_DEPOSIT,
                "cash deposit",
                "cash taken in by the terminal, credited to the account in 103 (the issuer's)"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "account credited"),
            rc(ResponseCode.INVALID_TRANSACTION, "processing code or currency not supported"),
            rc(ResponseCode.INVALID_ACCOUNT, "account in 103 unknown"),
            rc(ResponseCode.FORMAT_ERROR, "a field missing, ill-formed or not allowed"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing credited"),
            rc(
                ResponseCode.ISSUER_UNAVAILABLE,
                "account-holding bank not reachable (fault switch)"),
            rc(
                ResponseCode.DUPLICATE_TRANSMISSION,
                "fields 41, 11, 7 seen before; nothing credited"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    return new MessageSpec(
        "0200-cash-deposit",
        Link.BANK_HOST,
        "0200 / 0210 – cash deposit credit (cash payment, S1 ¶57)",
        "The customer pays in cash at a terminal with a cash-in unit; the terminal credits the"
            + " ticket issuer's account with the price (change is the cash unit's business)."
            + " Applied at most once per transmission key (41, 11, 7) like the account transfer.",
        financialRequest(
            Mti.FINANCIAL_REQUEST,
            pcs,
            mandatory(Field.TO_ACCOUNT, "to: ticket issuer's account"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK")),
        financialResponse(
            Mti.FINANCIAL_RESPONSE,
            rcs,
            conditional(Field.TO_ACCOUNT, NOT_FORMAT_ERROR, "echoed"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK")),
        pcs,
        List.of(),
        rcs,
        "A deposit whose outcome is unknown is reversed with 0420 like a transfer; the cash stays"
            + " in the terminal's cash unit and is reconciled from its journal.");
  }

  private static MessageSpec debitAuthorization() {
    List<CodeRow> pcs =
        List.of(
            new CodeRow(
                ProcessingCode.DEBIT_PURCHASE,
                "debit purchase",
                "goods and services paid by debit card from the cardholder's savings account"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "PIN verified, account debited, payee credited"),
            rc(ResponseCode.INVALID_TRANSACTION, "processing code or currency not supported"),
            rc(ResponseCode.INVALID_ACCOUNT, "card or payee account unknown"),
            rc(ResponseCode.FORMAT_ERROR, "a field missing, ill-formed or not allowed"),
            rc(ResponseCode.INSUFFICIENT_FUNDS, "balance below the amount"),
            rc(
                ResponseCode.EXPIRED_CARD,
                "field 14 is before the current month, or not the card's"),
            rc(ResponseCode.INCORRECT_PIN, "the PIN did not verify; the try counter went up"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing moved"),
            rc(ResponseCode.PIN_TRIES_EXCEEDED, "three wrong PINs in a row; the card is blocked"),
            rc(ResponseCode.ISSUER_UNAVAILABLE, "card-issuing bank not reachable (fault switch)"),
            rc(ResponseCode.DUPLICATE_TRANSMISSION, "fields 41, 11, 7 seen before; nothing moved"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    return new MessageSpec(
        "0100-debit-authorization",
        Link.BANK_HOST,
        "0100 / 0110 – debit authorization with PIN (S2 ¶33-34)",
        "The customer pays by debit card and PIN. The PIN pad encrypts the PIN as an ISO 9564"
            + " format 0 block under the terminal's TPK; the host decrypts it in its security"
            + " module and compares it with the card's stored PIN verification value (it never"
            + " stores a PIN). Approval debits the card's account and credits the payee in 103 at"
            + " once (immediate debit), applied at most once per transmission key (41, 11, 7).",
        financialRequest(
            Mti.AUTHORIZATION_REQUEST,
            pcs,
            mandatory(Field.PAN, "card number; never echoed, never logged in full"),
            mandatory(Field.EXPIRATION_DATE, "`YYMM` as read from the card"),
            mandatory(Field.PIN_BLOCK, "ISO 9564 format 0 PIN block under the TPK"),
            mandatory(Field.TO_ACCOUNT, "payee: ticket issuer's account"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK")),
        financialResponse(
            Mti.AUTHORIZATION_RESPONSE,
            rcs,
            conditional(Field.TO_ACCOUNT, NOT_FORMAT_ERROR, "echoed"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK")),
        pcs,
        List.of(),
        rcs,
        "Fields 2, 14 and 52 are not echoed. A debit whose outcome is unknown is reversed with"
            + " 0420 (field 90 names the 0100).");
  }

  private static MessageSpec bankReversal(String mti) {
    List<CodeRow> pcs =
        List.of(
            new CodeRow(ProcessingCode.ACCOUNT_TRANSFER, "account transfer", "reverses a 0200"),
            new CodeRow(ProcessingCode.CASH_DEPOSIT, "cash deposit", "reverses a 0200"),
            new CodeRow(ProcessingCode.DEBIT_PURCHASE, "debit purchase", "reverses a 0100"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "reversed now, already reversed, or original unknown"),
            rc(
                ResponseCode.INVALID_TRANSACTION,
                "field 90 names a message type that is not reversible"),
            rc(ResponseCode.FORMAT_ERROR, "a field missing, ill-formed or not allowed"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing reversed"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    boolean repeat = Mti.REVERSAL_ADVICE_REPEAT.equals(mti);
    MessageSide request =
        side(
            mti,
            TO_HOST,
            mandatory(Field.PROCESSING_CODE, codes(pcs), "as in the original"),
            mandatory(Field.AMOUNT, "as in the original"),
            mandatory(
                Field.TRANSMISSION_DATE_TIME,
                repeat ? "of the first 0420 of this reversal, UTC" : "of this 0420, UTC"),
            mandatory(Field.STAN, repeat ? "of the first 0420 of this reversal" : "of this 0420"),
            optional(Field.LOCAL_TIME, "of the first 0420"),
            optional(Field.LOCAL_DATE, "of the first 0420"),
            optional(Field.ACQUIRER_ID, "the terminal's bank"),
            optional(Field.RRN, "of the original"),
            mandatory(Field.TERMINAL_ID, "same terminal as the original"),
            optional(Field.CARD_ACCEPTOR_ID, "branch / installation"),
            mandatory(Field.CURRENCY, Set.of(BankHostLink.CURRENCY_JPY), "`392`"),
            mandatory(
                Field.ORIGINAL_DATA_ELEMENTS,
                "original MTI (4), STAN (6), field 7 (10), acquirer id (11, zero filled),"
                    + " forwarding institution (11, zeros)"),
            conditional(
                Field.FROM_ACCOUNT,
                Condition.onlyWhen(
                    "only when 3 = `401000`",
                    fieldIs(Field.PROCESSING_CODE, ProcessingCode.ACCOUNT_TRANSFER)),
                "from account of the original 0200"),
            mandatory(Field.TO_ACCOUNT, "to / payee account of the original"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK"));
    MessageSide response = reversalResponse(request, rcs);
    String summary =
        repeat
            ? "Sent by the terminal's store-and-forward queue when a 0420 (or an earlier 0421) was"
                + " not answered with a 0430 carrying `00`. It is identical to the 0420 it repeats"
                + " except for the MTI: fields 7 and 11 are those of the first 0420, so a late 0430"
                + " to an earlier attempt matches the current one. The host treats a 0421 exactly"
                + " like a 0420."
            : "Sent when a 0200 or 0100 went unanswered (or its answer's MAC did not verify), or"
                + " when an approved one must be undone because a later step of the session"
                + " failed. The 0420 is a transmission of its own (new STAN and field 7); field"
                + " 90 names the original. The host reverses at most once and acknowledges every"
                + " well-formed, authentic 0420 with `00`, including repeats, so the terminal"
                + " repeats it safely until acknowledged. A 0420 that arrives before its original"
                + " blocks it (the late original is answered `94`). No card number and no PIN"
                + " block is sent, for a debit or a transfer: field 90 identifies the original.";
    return new MessageSpec(
        repeat ? "0421-reversal-repeat" : "0420-reversal",
        Link.BANK_HOST,
        repeat
            ? "0421 / 0430 – repeated reversal"
            : "0420 / 0430 – reversal of a transfer, deposit or debit",
        summary,
        request,
        response,
        pcs,
        List.of(),
        rcs,
        "The terminal deletes a queued reversal, including the account numbers it kept for 102 and"
            + " 103, only on a 0430 with `00` and a valid MAC; any other answer, or none, leaves it"
            + " queued and it is repeated as 0421.");
  }

  // ---- card network link ----------------------------------------------------------------------

  private static MessageSpec cardAuthorization() {
    List<CodeRow> pcs =
        List.of(
            new CodeRow(
                ProcessingCode.CREDIT_PURCHASE,
                "credit purchase",
                "charged to the credit line (S2 ¶27-29)"),
            new CodeRow(
                ProcessingCode.PREPAID_PURCHASE,
                "prepaid purchase",
                "deducted from the prepaid card's stored value (S2 ¶30-32)"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "authorized; the amount is held against the card"),
            rc(
                ResponseCode.INVALID_TRANSACTION,
                "processing code does not fit the card, or currency"),
            rc(ResponseCode.INVALID_ACCOUNT, "card unknown"),
            rc(ResponseCode.FORMAT_ERROR, "a field missing, ill-formed or not allowed"),
            rc(ResponseCode.INSUFFICIENT_FUNDS, "credit limit or prepaid balance below the amount"),
            rc(ResponseCode.EXPIRED_CARD, "card expired, or 14 not the card's expiry"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing held"),
            rc(ResponseCode.ISSUER_UNAVAILABLE, "the card company is unavailable (fault switch)"),
            rc(ResponseCode.DUPLICATE_TRANSMISSION, "fields 41, 11, 7 seen before; nothing held"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    return new MessageSpec(
        "0100-authorization",
        Link.CARD_NETWORK,
        "0100 / 0110 – credit and prepaid authorization (S2 ¶27-32)",
        "The customer pays by credit card or prepaid card; the terminal asks the card company"
            + " over the card network. An approval holds the amount against the credit line or"
            + " deducts it from the stored value, at most once per transmission key (41, 11, 7).",
        side(
            Mti.AUTHORIZATION_REQUEST,
            TO_HOST,
            mandatory(Field.PAN, "card number; never echoed, never logged in full"),
            mandatory(Field.PROCESSING_CODE, codes(pcs), "see below"),
            mandatory(Field.AMOUNT, "whole yen, > 0"),
            mandatory(Field.TRANSMISSION_DATE_TIME, "UTC; part of the duplicate key"),
            mandatory(Field.STAN, "part of the duplicate key"),
            optional(Field.LOCAL_TIME, "terminal local time"),
            optional(Field.LOCAL_DATE, "terminal local date"),
            mandatory(Field.EXPIRATION_DATE, "`YYMM` as read from the card"),
            optional(Field.ACQUIRER_ID, "the terminal's bank"),
            optional(Field.RRN, "`yDDDHH` + STAN"),
            mandatory(Field.TERMINAL_ID, "part of the duplicate key"),
            mandatory(Field.CARD_ACCEPTOR_ID, "merchant: the ticket seller, space padded"),
            mandatory(Field.CURRENCY, Set.of(BankHostLink.CURRENCY_JPY), "`392` (JPY)"),
            mandatory(Field.MAC, "MAC under the terminal's TAK")),
        side(
            Mti.AUTHORIZATION_RESPONSE,
            TO_TERMINAL,
            conditional(Field.PROCESSING_CODE, NOT_FORMAT_ERROR, "echoed"),
            conditional(Field.AMOUNT, NOT_FORMAT_ERROR, "echoed"),
            conditional(Field.TRANSMISSION_DATE_TIME, NOT_FORMAT_ERROR, "echoed"),
            mandatory(Field.STAN, "echoed"),
            optional(Field.LOCAL_TIME, "echoed"),
            optional(Field.LOCAL_DATE, "echoed"),
            optional(Field.ACQUIRER_ID, "echoed"),
            optional(Field.RRN, "echoed"),
            conditional(Field.APPROVAL_CODE, APPROVED, "approval code"),
            mandatory(Field.RESPONSE_CODE, codes(rcs), "see below"),
            mandatory(Field.TERMINAL_ID, "echoed"),
            conditional(Field.CARD_ACCEPTOR_ID, NOT_FORMAT_ERROR, "echoed"),
            conditional(Field.CURRENCY, NOT_FORMAT_ERROR, "echoed"),
            mandatory(Field.MAC, "MAC under the terminal's TAK")),
        pcs,
        List.of(),
        rcs,
        "Fields 2 and 14 are not echoed. An authorization whose outcome is unknown is reversed"
            + " with 0420 (field 90 names the 0100).");
  }

  private static MessageSpec cardReversal(String mti) {
    List<CodeRow> pcs =
        List.of(
            new CodeRow(ProcessingCode.CREDIT_PURCHASE, "credit purchase", "releases the hold"),
            new CodeRow(ProcessingCode.PREPAID_PURCHASE, "prepaid purchase", "restores the value"));
    List<CodeRow> rcs =
        List.of(
            rc(ResponseCode.APPROVED, "reversed now, already reversed, or original unknown"),
            rc(ResponseCode.INVALID_TRANSACTION, "field 90 does not name a 0100"),
            rc(ResponseCode.FORMAT_ERROR, "a field missing, ill-formed or not allowed"),
            rc(ResponseCode.SECURITY_VIOLATION, "the MAC did not verify; nothing reversed"),
            rc(ResponseCode.SYSTEM_MALFUNCTION, "the host failed while answering"));
    boolean repeat = Mti.REVERSAL_ADVICE_REPEAT.equals(mti);
    MessageSide request =
        side(
            mti,
            TO_HOST,
            mandatory(Field.PROCESSING_CODE, codes(pcs), "as in the 0100"),
            mandatory(Field.AMOUNT, "as in the 0100"),
            mandatory(Field.TRANSMISSION_DATE_TIME, "of the first 0420 of this reversal, UTC"),
            mandatory(Field.STAN, "of the first 0420 of this reversal"),
            optional(Field.LOCAL_TIME, "of the first 0420"),
            optional(Field.LOCAL_DATE, "of the first 0420"),
            optional(Field.ACQUIRER_ID, "the terminal's bank"),
            optional(Field.RRN, "of the 0100"),
            mandatory(Field.TERMINAL_ID, "same terminal as the 0100"),
            optional(Field.CARD_ACCEPTOR_ID, "merchant"),
            mandatory(Field.CURRENCY, Set.of(BankHostLink.CURRENCY_JPY), "`392`"),
            mandatory(
                Field.ORIGINAL_DATA_ELEMENTS,
                "`0100`, its STAN (6), its field 7 (10), acquirer id (11), zeros (11)"),
            mandatory(Field.MAC_SECONDARY, "MAC under the terminal's TAK"));
    return new MessageSpec(
        repeat ? "0421-reversal-repeat" : "0420-reversal",
        Link.CARD_NETWORK,
        repeat
            ? "0421 / 0430 – repeated authorization reversal"
            : "0420 / 0430 – authorization reversal",
        repeat
            ? "A 0420 not yet acknowledged with `00`, repeated with the same fields 7 and 11; the"
                + " card company treats it exactly like the 0420."
            : "Undoes a 0100 whose outcome the terminal cannot rely on, or an approved one the"
                + " session no longer needs. Field 90 names the 0100; no card number is sent. The"
                + " card company reverses at most once and acknowledges every authentic 0420.",
        request,
        reversalResponse(request, rcs),
        pcs,
        List.of(),
        rcs,
        "");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static MessageSide financialRequest(String mti, List<CodeRow> pcs, FieldRule... extra) {
    List<FieldRule> rules =
        new ArrayList<>(
            List.of(
                mandatory(Field.PROCESSING_CODE, codes(pcs), "see below"),
                mandatory(Field.AMOUNT, "whole yen (JPY has no minor unit), > 0"),
                mandatory(
                    Field.TRANSMISSION_DATE_TIME, "`MMddHHmmss` UTC; part of the duplicate key"),
                mandatory(Field.STAN, "part of the duplicate key"),
                optional(Field.LOCAL_TIME, "terminal local time `HHmmss`"),
                optional(Field.LOCAL_DATE, "terminal local date `MMdd`"),
                optional(Field.ACQUIRER_ID, "the terminal's bank"),
                optional(
                    Field.RRN,
                    "`yDDDHH` + STAN (local time); echoed, the issuer reconciles with it"),
                mandatory(Field.TERMINAL_ID, "part of the duplicate key"),
                optional(Field.CARD_ACCEPTOR_ID, "branch / installation, space padded"),
                mandatory(Field.CURRENCY, Set.of(BankHostLink.CURRENCY_JPY), "`392` (JPY)")));
    rules.addAll(List.of(extra));
    return new MessageSide(Set.of(mti), TO_HOST, rules);
  }

  private static MessageSide financialResponse(String mti, List<CodeRow> rcs, FieldRule... extra) {
    List<FieldRule> rules =
        new ArrayList<>(
            List.of(
                conditional(Field.PROCESSING_CODE, NOT_FORMAT_ERROR, "echoed"),
                conditional(Field.AMOUNT, NOT_FORMAT_ERROR, "echoed"),
                conditional(Field.TRANSMISSION_DATE_TIME, NOT_FORMAT_ERROR, "echoed"),
                mandatory(Field.STAN, "echoed"),
                optional(Field.LOCAL_TIME, "echoed"),
                optional(Field.LOCAL_DATE, "echoed"),
                optional(Field.ACQUIRER_ID, "echoed"),
                optional(Field.RRN, "echoed"),
                conditional(Field.APPROVAL_CODE, APPROVED, "approval code"),
                mandatory(Field.RESPONSE_CODE, codes(rcs), "see below"),
                mandatory(Field.TERMINAL_ID, "echoed"),
                optional(Field.CARD_ACCEPTOR_ID, "echoed"),
                conditional(Field.CURRENCY, NOT_FORMAT_ERROR, "echoed")));
    rules.addAll(List.of(extra));
    return new MessageSide(Set.of(mti), TO_TERMINAL, rules);
  }

  /** 0430: the request's fields echoed (those it must carry only unless 39 = 30), 39 and MAC. */
  private static MessageSide reversalResponse(MessageSide request, List<CodeRow> rcs) {
    List<FieldRule> rules = new ArrayList<>();
    for (FieldRule r : request.fields()) {
      if (r.field() == Field.MAC || r.field() == Field.MAC_SECONDARY) {
        rules.add(mandatory(r.field(), "MAC under the terminal's TAK"));
      } else if (r.field() == Field.STAN || r.field() == Field.TERMINAL_ID) {
        rules.add(mandatory(r.field(), "echoed"));
      } else if (r.presence() == Presence.MANDATORY) {
        rules.add(conditional(r.field(), NOT_FORMAT_ERROR, "echoed"));
      } else {
        rules.add(optional(r.field(), "echoed"));
      }
    }
    rules.add(mandatory(Field.RESPONSE_CODE, codes(rcs), "see below"));
    return new MessageSide(Set.of(Mti.REVERSAL_ADVICE_RESPONSE), TO_TERMINAL, rules);
  }

  private static MessageSide side(String mti, String direction, FieldRule... rules) {
    return new MessageSide(Set.of(mti), direction, List.of(rules));
  }

  private static CodeRow rc(ResponseCode code, String when) {
    return new CodeRow(code.code(), code.name(), when);
  }

  private static Set<String> codes(List<CodeRow> rows) {
    return rows.stream().map(CodeRow::code).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
