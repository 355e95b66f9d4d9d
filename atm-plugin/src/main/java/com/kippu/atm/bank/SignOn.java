package com.kippu.atm.bank;

import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.WorkingKey;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.spec.SpecViolationException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Sign-on (0800 001) and key change (0800 161) of one link: the working keys the host sends are
 * installed in the terminal's security module, so the new TAK MACs everything after, and the new
 * TPK goes to the PIN pad of the {@link LinkSetup}, if it has one.
 */
final class SignOn {
  private static final Logger LOG = Logger.getLogger(SignOn.class.getName());

  private final LinkExchange link;
  private final LinkSetup setup;
  private final BankMessages messages;
  private final StanSource stans;
  private final Clock clock;

  SignOn(LinkExchange link, LinkSetup setup, BankMessages messages, StanSource stans, Clock clock) {
    this.link = link;
    this.setup = setup;
    this.messages = messages;
    this.stans = stans;
    this.clock = clock;
  }

  /**
   * Signs on and changes the working keys.
   *
   * @throws BankUnavailableException when the host does not answer both with 00 and valid keys
   */
  void run() throws BankUnavailableException {
    for (String code : List.of(NetworkManagementCode.SIGN_ON, NetworkManagementCode.KEY_CHANGE)) {
      ISOMsg response;
      try {
        response =
            link.exchange(
                link.prepare(messages.networkManagement(Transmission.next(stans, clock), code)));
      } catch (ISOException | SpecViolationException e) {
        throw new BankUnavailableException("0800 " + code + " could not be sent", e);
      }
      if (response == null) {
        throw new BankUnavailableException("no valid answer to 0800 " + code);
      }
      String rc = response.getString(Field.RESPONSE_CODE);
      if (!ResponseCode.APPROVED.code().equals(rc)) {
        throw new BankUnavailableException("host refused 0800 " + code + " with " + rc);
      }
      if (NetworkManagementCode.KEY_CHANGE.equals(code)) {
        installWorkingKeys(response);
      }
    }
    LOG.info(() -> setup.link().slug() + " link signed on, working keys changed");
  }

  /** Field 48 of the key change answer: TAK and TPK under the TMK, with check values. */
  private void installWorkingKeys(ISOMsg response) throws BankUnavailableException {
    try {
      WorkingKey pinKey =
          setup.security().installWorkingKeys(response.getString(Field.ADDITIONAL_DATA));
      if (setup.pinPad() != null) {
        setup.pinPad().loadPinKey(pinKey);
      }
    } catch (SecurityModuleException | IllegalArgumentException e) {
      throw new BankUnavailableException("working keys from the host refused", e);
    }
  }
}
