package com.kippu.simulator.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.pay.EMoneyPayment;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.simulator.Branch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E-money from the IC card's purse (S1 ¶112): value leaves the purse by the card's own record and
 * reaches the issuer only as a payment proof the center took for a reservation, so purse value plus
 * what the center says the issuer received is conserved. A payment stands while the card's value
 * log holds its subtraction and not the refund the terminal adds back under the refund's own
 * transaction id.
 */
final class EMoneyScenario implements CrashScenario {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final String seat;
  private final boolean holdCancelled;
  private final Branch.Customer customer = Branch.CUSTOMERS.get(0);

  private EMoneyScenario(String name, String seat, boolean holdCancelled) {
    this.name = name;
    this.seat = seat;
    this.holdCancelled = holdCancelled;
  }

  /** Hanako buys seat {@code seat} (section A, 8,800 yen) from her card's purse (20,000 yen). */
  static EMoneyScenario buys(String name, String seat) {
    return new EMoneyScenario(name, seat, false);
  }

  /**
   * Hanako's hold on seat {@code seat} is cancelled at the center while she chooses to pay from her
   * purse: the value leaves the card, the center refuses the ticket (reservation cancelled) and the
   * terminal adds the value back to the card.
   */
  static EMoneyScenario holdCancelledWhilePaying(String name, String seat) {
    return new EMoneyScenario(name, seat, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Branch.Customer customer() {
    return customer;
  }

  @Override
  public ScriptedCustomer journey(Branch branch) {
    return new ScriptedCustomer()
        .on("select-event", TransferScenario.CONCERT)
        .on("select-seat", seat)
        .on(
            "choose-payment",
            screen -> {
              if (holdCancelled) {
                cancelHold(branch, seat);
              }
              return Answer.chose(EMoneyPayment.ID);
            });
  }

  /**
   * The hold on {@code seat} is cancelled at the center (through the terminal's own center client,
   * as another party would), found by its seat in the center's file.
   */
  private static void cancelHold(Branch branch, String seat) {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + branch.dir().resolve("issuer-center.db"));
        PreparedStatement held =
            c.prepareStatement(
                "SELECT r.reservation_number FROM reservation r JOIN reservation_seat rs"
                    + " ON rs.reservation_number = r.reservation_number"
                    + " WHERE r.status = 'HELD' AND rs.seat_id = ?")) {
      held.setString(1, seat);
      try (ResultSet rs = held.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no hold on " + seat + " to cancel");
        }
        branch
            .plugin()
            .center()
            .cancel(new ReservationNumber(rs.getString(1)), "cancelled while paying");
      }
    } catch (SQLException | CenterException e) {
      throw new IllegalStateException(
          "could not cancel the hold on " + seat + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Weighing weigh(Branch branch) throws Exception {
    long purse = RailRecords.purseYen(branch.cardFile(customer));
    long received = RailRecords.emoneyReceivedByIssuer(branch.dir());
    return new Weighing(purse + received, purse, received);
  }

  @Override
  public long expectedLoss() {
    return holdCancelled ? 0 : 8_800;
  }

  @Override
  public String ticketMethod() {
    return PaymentProof.EMONEY;
  }

  /** An e-money ticket names its payment by the purse's transaction id, its reference. */
  @Override
  public String ticketPaymentKey(String stan, String reference) {
    return reference;
  }

  /**
   * The subtractions on the card's value log that no refund of the same payment added back, keyed
   * by the purse's transaction id; the journal's payment ids tell which refund belongs to which.
   */
  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    Map<String, String> refundOf = new HashMap<>();
    for (String payment : journaledPayments(dir)) {
      refundOf.put(purseId(payment), purseId(payment + "-R"));
    }
    List<RailRecords.ValueRecord> log =
        RailRecords.valueLog(dir.resolve("cards").resolve(customer.cardId() + ".card"));
    Set<String> added = new HashSet<>();
    log.stream()
        .filter(v -> v.deltaYen() > 0)
        .forEach(v -> added.add(v.transactionId() + "/" + v.deltaYen()));
    Set<Payment> standing = new HashSet<>();
    for (RailRecords.ValueRecord v : log) {
      if (v.deltaYen() < 0) {
        String refund = refundOf.get(v.transactionId());
        if (refund == null || !added.contains(refund + "/" + -v.deltaYen())) {
          standing.add(new Payment(v.transactionId(), -v.deltaYen()));
        }
      }
    }
    return standing;
  }

  private static Set<String> journaledPayments(Path dir) throws Exception {
    Set<String> payments = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT facts FROM journal")) {
      while (rs.next()) {
        JsonNode payment = JSON.readTree(rs.getString(1)).get(PaymentPart.ID.key());
        if (payment != null) {
          payments.add(payment.asText());
        }
      }
    }
    return payments;
  }

  /**
   * The purse's transaction id of a payment as the e-money method names it: SHA-256 of the payment
   * id, its first 12 bytes in hex, after {@code KP}. Restated here so the audit does not take the
   * terminal's word for it.
   */
  private static String purseId(String payment) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(payment.getBytes(StandardCharsets.UTF_8));
    return "KP" + HexFormat.of().formatHex(digest, 0, 12);
  }
}
