package com.kippu.simulator.bank;

import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.security.Iso9564;
import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * A test terminal that speaks a link by hand over one socket: it signs on and takes working keys
 * like the real client, then sends whatever messages (MACed or tampered) and raw frames a test
 * needs, and reads answers one at a time.
 */
public final class RawTerminal implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final Link link;
  private final String terminalId;
  private final ISOPackager packager;
  private final SoftwareHsm hsm = SoftwareHsm.withLmk(new byte[16], new SecureRandom());
  private final StoredKey tmk;
  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;
  private StoredKey tak;
  private StoredKey tpk;
  private int stan = 900_000;

  public RawTerminal(Link link, int port, String terminalId, int timeoutMillis) throws Exception {
    this(link, port, terminalId, timeoutMillis, TerminalSecurity.developmentMasterKey(terminalId));
  }

  /** A terminal under the clear master key {@code tmk} instead of its development key. */
  public RawTerminal(Link link, int port, String terminalId, int timeoutMillis, byte[] tmk)
      throws Exception {
    this.link = link;
    this.terminalId = terminalId;
    this.packager = link.packager();
    this.tmk = hsm.importClear(KeyType.TMK, tmk.clone());
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(timeoutMillis);
    out = new DataOutputStream(socket.getOutputStream());
    in = new DataInputStream(socket.getInputStream());
  }

  /** Key change (0800 161): afterwards {@link #send} MACs under the new TAK. */
  public RawTerminal signOn() throws Exception {
    ISOMsg answer = exchange(networkManagement(NetworkManagementCode.KEY_CHANGE));
    String keys = answer.getString(Field.ADDITIONAL_DATA);
    tpk =
        hsm.importUnderTmk(
            KeyType.TPK, HEX.parseHex(keys.substring(3, 35)), tmk, keys.substring(35, 41));
    tak =
        hsm.importUnderTmk(
            KeyType.TAK, HEX.parseHex(keys.substring(44, 76)), tmk, keys.substring(76, 82));
    return this;
  }

  /** A valid, MACed 0800 of code {@code code} with a fresh STAN. */
  public ISOMsg networkManagement(String code) throws Exception {
    ISOMsg m = new ISOMsg(Mti.NETWORK_MANAGEMENT_REQUEST);
    m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    m.set(Field.STAN, nextStan());
    m.set(Field.TERMINAL_ID, terminalId);
    m.set(Field.NETWORK_MANAGEMENT_CODE, code);
    return m;
  }

  public String nextStan() {
    return String.format("%06d", ++stan);
  }

  public String terminalId() {
    return terminalId;
  }

  /** The terminal's current PIN key, for a fake PIN pad. */
  public StoredKey pinKey() {
    return tpk;
  }

  /** The ISO 9564 format 0 block of {@code pin} for card {@code pan} under the current PIN key. */
  public byte[] pinBlock(String pan, String pin) {
    return hsm.encryptPinBlock(tpk, Iso9564.format0(pin.toCharArray(), pan));
  }

  public SoftwareHsm hsm() {
    return hsm;
  }

  /** MACs {@code m} and sends it, then reads one answer. */
  public ISOMsg exchange(ISOMsg m) throws Exception {
    send(m);
    return receive();
  }

  /** MACs {@code m} (TMK variant for 0800, else TAK) and sends it. */
  public void send(ISOMsg m) throws Exception {
    boolean keyExchange = Mti.NETWORK_MANAGEMENT_REQUEST.equals(m.getMTI());
    StoredKey key = tak;
    MessageMac.sign(m, packager, d -> keyExchange ? hsm.keyExchangeMac(tmk, d) : hsm.mac(key, d));
    sendUnsigned(m);
  }

  /** Sends {@code m} as it is (e.g. with a tampered MAC). */
  public void sendUnsigned(ISOMsg m) throws Exception {
    m.setPackager(packager);
    writeFrame(m.pack());
  }

  /** NAC framing: two-byte big-endian length, then the bytes. */
  public void writeFrame(byte[] message) throws Exception {
    out.writeShort(message.length);
    out.write(message);
    out.flush();
  }

  /** Raw bytes, no framing added (e.g. a lying length header or half a frame). */
  public void writeRaw(byte[] bytes) throws Exception {
    out.write(bytes);
    out.flush();
  }

  public ISOMsg receive() throws Exception {
    byte[] frame = new byte[in.readUnsignedShort()];
    in.readFully(frame);
    ISOMsg m = new ISOMsg();
    m.setPackager(packager);
    m.unpack(frame);
    return m;
  }

  /** True when the answer's MAC verifies under this terminal's keys. */
  public boolean verifies(ISOMsg answer) {
    boolean keyExchange = Mti.NETWORK_MANAGEMENT_RESPONSE.equals(answer.getString(0));
    StoredKey key = tak;
    return MessageMac.verify(
        answer, packager, d -> keyExchange ? hsm.keyExchangeMac(tmk, d) : hsm.mac(key, d));
  }

  public Link link() {
    return link;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
