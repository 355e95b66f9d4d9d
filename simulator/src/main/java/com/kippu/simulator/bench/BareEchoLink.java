package com.kippu.simulator.bench;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jdom2.Element;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOChannel;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOServer;
import org.jpos.iso.channel.NACChannel;
import org.jpos.q2.iso.ChannelAdaptor;
import org.jpos.q2.iso.QMUX;
import org.jpos.space.SpaceUtil;

/**
 * The baseline of the benchmark: plain jPOS with nothing of ours on the path. An ISOServer answers
 * 0800 with 0810 in its session thread, and a QMUX over a ChannelAdaptor and a NACChannel (the same
 * packager and framing as the bank link) sends the echoes. No MAC, no spec check, no state.
 */
final class BareEchoLink implements AutoCloseable {
  private final ISOServer server;
  private final Thread serverThread;
  private final Adaptor adaptor;
  private final QMUX mux;

  BareEchoLink() throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    NACChannel serverSide = new NACChannel();
    serverSide.setPackager(Link.BANK_HOST.packager());
    server = new ISOServer(socket.getLocalPort(), serverSide, null);
    server.setSocketFactory(p -> socket);
    server.setConfiguration(new SimpleConfiguration());
    server.addISORequestListener(
        (source, m) -> {
          try {
            ISOMsg r = (ISOMsg) m.clone();
            r.setResponseMTI();
            r.set(Field.RESPONSE_CODE, "00");
            source.send(r);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return true;
        });
    serverThread = new Thread(server, "bench-bare-host");
    serverThread.setDaemon(true);
    serverThread.start();

    NACChannel clientSide =
        new NACChannel("127.0.0.1", socket.getLocalPort(), Link.BANK_HOST.packager(), null);
    String name = "bench-bare-" + System.nanoTime();
    adaptor = new Adaptor(clientSide);
    Element persist = new Element("channel-adaptor");
    persist.addContent(new Element("in").setText(name + ".tx"));
    persist.addContent(new Element("out").setText(name + ".rx"));
    persist.addContent(new Element("reconnect-delay").setText("100"));
    adaptor.setName(name + "-channel");
    adaptor.setPersist(persist);
    adaptor.setConfiguration(new SimpleConfiguration());
    adaptor.init();
    adaptor.start();
    mux = new QMUX();
    Element qmux = new Element("qmux");
    qmux.addContent(new Element("in").setText(name + ".rx"));
    qmux.addContent(new Element("out").setText(name + ".tx"));
    qmux.addContent(new Element("ready").setText(name + "-channel.ready"));
    mux.setName(name + "-mux");
    mux.setPersist(qmux);
    mux.setConfiguration(new SimpleConfiguration());
    mux.init();
    mux.start();
    if (!adaptor.awaitReady(5_000)) {
      throw new IOException("bare echo link did not connect");
    }
  }

  /** One 0800 echo; true when a 0810 came back. */
  boolean echo(String terminalId, int stan) throws Exception {
    ISOMsg m = new ISOMsg("0800");
    m.set(Field.TRANSMISSION_DATE_TIME, "0401013000");
    m.set(Field.STAN, String.format("%06d", stan));
    m.set(Field.TERMINAL_ID, terminalId);
    m.set(Field.NETWORK_MANAGEMENT_CODE, "301");
    return mux.request(m, 5_000) != null;
  }

  @Override
  public void close() {
    mux.stop();
    adaptor.stop();
    mux.destroy();
    adaptor.destroy();
    server.shutdown();
    try {
      serverThread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A ChannelAdaptor handed its channel, so no Q2 deploy directory is needed. */
  private static final class Adaptor extends ChannelAdaptor {
    private final ISOChannel channel;

    Adaptor(ISOChannel channel) {
      this.channel = channel;
    }

    @Override
    protected ISOChannel initChannel() {
      return channel;
    }

    @SuppressWarnings("unchecked") // jPOS's QBeanSupport holds its space as a raw Space
    boolean awaitReady(long millis) {
      boolean ready = sp.rd(getName() + ".ready", millis) != null;
      if (!ready) {
        SpaceUtil.wipe(sp, getName() + ".ready");
      }
      return ready;
    }
  }
}
