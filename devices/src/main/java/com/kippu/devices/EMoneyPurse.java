package com.kippu.devices;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import jpos.ElectronicValueRWConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.ElectronicValueRWService114;

/**
 * The e-money purse on the customer's IC card as the ATM plugin uses it, over a JavaPOS
 * ElectronicValueRW service in synchronous mode: balance (readValue), pay (subtractValue) and
 * refund or charge (addValue) in yen, each named by the terminal's transaction id, and {@link
 * #lastTransaction} (queryLastSuccessfulTransactionResult) to learn after a power loss whether a
 * payment reached the card. Repeating a request with the id of any transaction in the card's value
 * log answers that transaction and moves no value twice, so a recovery may simply retry it, even
 * after the card moved value under other ids since.
 *
 * <p>Not thread-safe: one customer session uses it at a time.
 */
public final class EMoneyPurse implements AutoCloseable {

  /** How long {@link #open} waits for another instance to release the device. */
  public static final int CLAIM_TIMEOUT_MS = 2000;

  /** Result tags and the parameter of the Kippu purse service (retrieveResultInformation). */
  public static final String TRANSACTION_ID = "TransactionID";

  static final String TAG_TRANSACTION_TYPE = "TransactionType";
  static final String TAG_AMOUNT = "Amount";
  static final String TAG_BALANCE = "Balance";
  static final String TAG_CARD_SEQUENCE = "CardSequenceNumber";

  /** The card's balance is lower than the amount; nothing was subtracted. */
  public static final class InsufficientBalanceException extends Exception {
    private static final long serialVersionUID = 1L;

    public InsufficientBalanceException(String message) {
      super(message);
    }
  }

  /** A value movement the card recorded: its position in the card's value log and the result. */
  public record Transaction(
      boolean subtract, long amountYen, long balanceYen, String transactionId, int cardSequence) {
    public Transaction {
      Objects.requireNonNull(transactionId, "transactionId");
    }
  }

  private final DeviceSession<ElectronicValueRWService114> session;
  private final ElectronicValueRWService114 rw;
  private int sequence;

  private EMoneyPurse(DeviceSession<ElectronicValueRWService114> session) {
    this.session = session;
    this.rw = session.service();
  }

  /**
   * Opens, claims and enables the ElectronicValueRW {@code logicalName} of {@code registry} in
   * synchronous mode.
   *
   * @throws JposException e.g. JPOS_E_NOEXIST (no such entry), JPOS_E_ILLEGAL (no subtract/add)
   */
  public static EMoneyPurse open(JposRegistry registry, String logicalName) throws JposException {
    return new EMoneyPurse(
        DeviceSession.open(
            registry,
            logicalName,
            ElectronicValueRWService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              ElectronicValueRWService114 e = s.service();
              if (!e.getCapSubtractValue() || !e.getCapAddValue()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " cannot subtract and add value");
              }
              e.setAsyncMode(false);
            }));
  }

  public String logicalName() {
    return session.logicalName();
  }

  /**
   * The purse balance in yen, waiting up to {@code cardWait} for a card.
   *
   * @throws JposException JPOS_E_TIMEOUT without a card, JPOS_E_OFFLINE, JPOS_E_FAILURE (corrupt)
   */
  public long balanceYen(Duration cardWait) throws JposException {
    try {
      rw.readValue(nextSequence(), millis(cardWait));
      return rw.getBalance();
    } catch (JposException e) {
      throw session.named(e, "readValue");
    }
  }

  /**
   * Pays {@code amountYen} from the purse as transaction {@code transactionId}.
   *
   * @throws InsufficientBalanceException when the balance is lower (OPOS_EVRW_DEFICIENT)
   * @throws JposException e.g. OPOS_EVRW_RELEASE when the card was pulled mid-write (nothing
   *     moved), JPOS_E_OFFLINE when the reader lost power (ask {@link #lastTransaction})
   */
  public Transaction subtract(long amountYen, String transactionId, Duration cardWait)
      throws JposException, InsufficientBalanceException {
    try {
      return move(true, amountYen, transactionId, cardWait);
    } catch (JposException e) {
      if (e.getErrorCode() == JposConst.JPOS_E_EXTENDED
          && e.getErrorCodeExtended() == ElectronicValueRWConst.OPOS_EVRW_DEFICIENT) {
        throw new InsufficientBalanceException(
            logicalName() + ": balance lower than " + amountYen + " yen");
      }
      throw e;
    }
  }

  /**
   * Adds {@code amountYen} to the purse (a refund or a charge) as transaction {@code
   * transactionId}.
   *
   * @throws JposException OPOS_EVRW_OVERDEPOSIT when the purse limit would be exceeded
   */
  public Transaction add(long amountYen, String transactionId, Duration cardWait)
      throws JposException {
    return move(false, amountYen, transactionId, cardWait);
  }

  private Transaction move(boolean subtract, long amountYen, String transactionId, Duration wait)
      throws JposException {
    if (amountYen <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    PurseApdu.requireTransactionId(transactionId);
    String action = subtract ? "subtractValue" : "addValue";
    try {
      rw.setAmount(amountYen);
      rw.setParameterInformation(TRANSACTION_ID, transactionId);
      if (subtract) {
        rw.subtractValue(nextSequence(), millis(wait));
      } else {
        rw.addValue(nextSequence(), millis(wait));
      }
      return lastResult()
          .orElseThrow(
              () ->
                  new JposException(
                      JposConst.JPOS_E_FAILURE, logicalName() + ": " + action + " left no result"));
    } catch (JposException e) {
      throw session.named(e, action + " " + transactionId);
    }
  }

  /**
   * The last value movement recorded on the card in the slot, or empty when it has none. After a
   * power loss mid-payment, the payment reached the card exactly when this names its transaction id
   * (one terminal pays from a card at a time).
   *
   * @throws JposException OPOS_EVRW_NOCARD without a card, JPOS_E_OFFLINE
   */
  public Optional<Transaction> lastTransaction() throws JposException {
    try {
      rw.queryLastSuccessfulTransactionResult();
      return lastResult();
    } catch (JposException e) {
      throw session.named(e, "queryLastSuccessfulTransactionResult");
    }
  }

  private Optional<Transaction> lastResult() throws JposException {
    try {
      int cardSequence = Integer.parseInt(orZero(result(TAG_CARD_SEQUENCE)));
      if (cardSequence == 0) {
        return Optional.empty();
      }
      int type = Integer.parseInt(orZero(result(TAG_TRANSACTION_TYPE)));
      return Optional.of(
          new Transaction(
              type == ElectronicValueRWConst.EVRW_TAG_TT_SUBTRACT,
              Long.parseLong(orZero(result(TAG_AMOUNT))),
              Long.parseLong(orZero(result(TAG_BALANCE))),
              result(TRANSACTION_ID),
              cardSequence));
    } catch (NumberFormatException e) {
      throw new JposException(
          JposConst.JPOS_E_FAILURE, logicalName() + ": malformed result information", e);
    }
  }

  private String result(String tag) throws JposException {
    String[] value = new String[1];
    rw.retrieveResultInformation(tag, value);
    return value[0] == null ? "" : value[0];
  }

  private static String orZero(String s) {
    return s.isEmpty() ? "0" : s;
  }

  private int nextSequence() {
    sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1;
    return sequence;
  }

  private static int millis(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("card wait must not be negative");
    }
    return (int) Math.min(Integer.MAX_VALUE - 1, d.toMillis());
  }

  /** Disables, releases and closes the device. */
  @Override
  public void close() throws JposException {
    session.close();
  }
}
