package com.kippu.atm.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkChannel;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOServer;

/**
 * A minimal host for the link's unit tests: signs terminals on and changes their keys like a real
 * host (development TMK), MACs its answers, records every other request and answers it as the test
 * script says (null: no answer).
 */
final class ScriptedHost implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  final List<ISOMsg> received = new CopyOnWriteArrayList<>();
  private final SoftwareHsm hsm = SoftwareHsm.withLmk(new byte[16], new SecureRandom());
  private final ISOPackager packager = Link.BANK_HOST.packager();
  private final ISOServer server;
  private final Thread thread;
  private final int port;
  private volatile StoredKey tak;
  private volatile boolean corruptMacs;
  private volatile UnaryOperator<ISOMsg> rewrite = UnaryOperator.identity();

  ScriptedHost(String terminalId, Function<ISOMsg, String> script) throws Exception {
    StoredKey tmk = hsm.importClear(KeyType.TMK, TerminalSecurity.developmentMasterKey(terminalId));
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    port = socket.getLocalPort();
    server = new ISOServer(port, LinkChannel.of(Link.BANK_HOST), null);
    server.setSocketFactory(p -> socket);
    server.setConfiguration(new SimpleConfiguration());
    server.addISORequestListener(
        (source, m) -> {
          try {
            ISOMsg answer = (ISOMsg) m.clone();
            answer.setResponseMTI();
            answer.unset(new int[] {Field.PAN, Field.EXPIRATION_DATE, Field.PIN_BLOCK});
            if (Mti.NETWORK_MANAGEMENT_REQUEST.equals(m.getMTI())) {
              answer.set(Field.RESPONSE_CODE, "00");
              if (NetworkManagementCode.KEY_CHANGE.equals(
                  m.getString(Field.NETWORK_MANAGEMENT_CODE))) {
                StoredKey tpk = hsm.generate(KeyType.TPK);
                StoredKey newTak = hsm.generate(KeyType.TAK);
                answer.set(
                    Field.ADDITIONAL_DATA,
                    "TPK"
                        + HEX.formatHex(hsm.exportUnderTmk(tpk, tmk))
                        + tpk.checkValue()
                        + "TAK"
                        + HEX.formatHex(hsm.exportUnderTmk(newTak, tmk))
                        + newTak.checkValue());
                tak = newTak;
              }
              MessageMac.sign(answer, packager, d -> hsm.keyExchangeMac(tmk, d));
              source.send(answer);
              return true;
            }
            received.add(m);
            String rc = script.apply(m);
            if (rc == null) {
              return true;
            }
            answer.set(Field.RESPONSE_CODE, rc);
            if ("00".equals(rc) && !Mti.REVERSAL_ADVICE_RESPONSE.equals(answer.getMTI())) {
              answer.set(Field.APPROVAL_CODE, "000001");
            }
            answer = rewrite.apply(answer);
            StoredKey key = tak;
            MessageMac.sign(answer, packager, d -> hsm.mac(key, d));
            if (corruptMacs) {
              byte[] mac = answer.getBytes(MessageMac.macField(answer));
              mac[0] ^= 1;
              answer.set(MessageMac.macField(answer), mac);
            }
            source.send(answer);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return true;
        });
    thread = new Thread(server, "scripted-host");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return port;
  }

  /** True when {@code request} from the terminal carries the right MAC under the current TAK. */
  boolean macVerifies(ISOMsg request) {
    StoredKey key = tak;
    return key != null && MessageMac.verify(request, packager, d -> hsm.mac(key, d));
  }

  /** From now on every answer except 0810 is changed by {@code r} before it is MACed. */
  void rewriteAnswers(UnaryOperator<ISOMsg> r) {
    rewrite = r;
  }

  /** From now on every answer except 0810 carries a wrong MAC. */
  void corruptMacs() {
    corruptMacs = true;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
