package com.kippu.simulator.crash;

import com.kippu.atm.flow.pay.CenterBankPayment;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import com.kippu.simulator.bank.CenterBankAuthorizer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;

/**
 * F13 online banking at a home PC (S2 ¶51): the registered user logs in, buys seat A-1-1 (8,800
 * yen) onto her own card and pays from the account her card holds, the PIN typed on the PIN pad;
 * the center, not the PC, orders the transfer at the bank over its own link. Money moves between
 * accounts of the bank host's ledger only, and a payment stands while the center's transfer is
 * APPLIED (not reversed or declined), keyed by its STAN as the ticket names it.
 */
final class HomeBankingScenario implements CrashScenario {
  static final String CONCERT = TransferScenario.CONCERT;
  static final String SEAT = "A-1-1";
  static final long PRICE = 8_800;

  private final String name;

  HomeBankingScenario(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TerminalProfile.Kind kind() {
    return TerminalProfile.Kind.HOME_PC;
  }

  @Override
  public Branch.Customer customer() {
    return Branch.CUSTOMERS.get(0);
  }

  @Override
  public ScriptedCustomer journey(Branch branch) {
    return cardReturn()
        .on("select-event", CONCERT)
        .on("select-seat", SEAT)
        .on("choose-payment", CenterBankPayment.ID)
        .on(
            "online-banking-pin",
            s -> {
              branch.typePinAtNextEntry(Branch.demoPin(customer()));
              return Answer.cancel();
            });
  }

  /**
   * A home PC serves its registered user only after login (S2 ¶46-47), and writes the card's
   * pending tickets in the session that follows: the user logs in, then cancels.
   */
  @Override
  public ScriptedCustomer cardReturn() {
    return new ScriptedCustomer()
        .on("home-user-id", s -> Answer.chose(Branch.HOME_USER))
        .on("home-password", s -> Answer.chose(Branch.HOME_PASSWORD));
  }

  @Override
  public Weighing weigh(Branch branch) {
    return new Weighing(
        branch.bank().ledger().totalBalance(),
        branch.bank().ledger().balance(customer().account()),
        branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
  }

  @Override
  public long expectedLoss() {
    return PRICE;
  }

  @Override
  public String ticketMethod() {
    return "ACCOUNT_TRANSFER";
  }

  /** The center's transfers at the bank host that stand, keyed by STAN. */
  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    Set<Payment> standing = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bank-host.db"));
        PreparedStatement q =
            c.prepareStatement(
                "SELECT stan, amount_yen FROM movements"
                    + " WHERE terminal_id = ? AND kind = 'TRANSFER' AND status = 'APPLIED'")) {
      q.setString(1, CenterBankAuthorizer.TERMINAL_ID);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          standing.add(new Payment(rs.getString(1), rs.getLong(2)));
        }
      }
    }
    return standing;
  }
}
