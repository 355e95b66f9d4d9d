package com.kippu.atm.bank;

import java.time.Duration;
import org.jpos.iso.ISOChannel;
import org.jpos.iso.ISOPackager;
import org.jpos.q2.iso.ChannelAdaptor;
import org.jpos.space.SpaceUtil;

/**
 * A jPOS ChannelAdaptor that is handed its channel instead of building it through Q2's factory, so
 * the link runs without a Q2 deploy directory. Its ready indicator is {@code <name>.ready} in the
 * space; names must be unique per JVM.
 */
final class LinkAdaptor extends ChannelAdaptor {
  private final ISOChannel channel;

  LinkAdaptor(ISOChannel channel) {
    this.channel = channel;
  }

  @Override
  protected ISOChannel initChannel() {
    return channel;
  }

  /** The channel this adaptor drives. */
  ISOChannel channel() {
    return channel;
  }

  /** The packager of the channel this adaptor drives. */
  ISOPackager channelPackager() {
    return channel.getPackager();
  }

  String readyIndicator() {
    return getName() + ".ready";
  }

  /** Blocks until the channel is connected or {@code timeout} passes; true when connected. */
  @SuppressWarnings("unchecked") // jPOS's QBeanSupport holds its space as a raw Space
  boolean awaitReady(Duration timeout) {
    return sp.rd(readyIndicator(), timeout.toMillis()) != null;
  }

  /** Drops whatever the adaptor left in its queues, so a stopped link leaves no trace. */
  void wipeQueues() {
    SpaceUtil.wipe(sp, getInQueue());
    SpaceUtil.wipe(sp, getOutQueue());
    SpaceUtil.wipe(sp, readyIndicator());
  }
}
