package com.kippu.center.load;

import com.kippu.center.CenterConfig;
import com.kippu.center.IssuerCenterServer;
import com.kippu.center.catalog.EventId;
import com.kippu.center.reservation.sql.BatchedSeatClaims;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One or more centers started in-process on one database, as a bank runs several nodes behind a
 * load balancer: each with its own HTTP server, pool, seat allocator and hold writers. The load
 * command deals its terminals over them and asks how many seats the database refused them (the
 * seats two nodes both reached for).
 */
final class CenterNodes implements AutoCloseable {
  private final List<IssuerCenterServer> servers = new ArrayList<>();
  private final List<BatchedSeatClaims> batched = new CopyOnWriteArrayList<>();

  private CenterNodes() {}

  /** Starts {@code count} nodes with {@code claims}; the batched claims are counted. */
  static CenterNodes start(
      CenterConfig config, int count, IssuerCenterServer.ClaimStrategy claims) {
    CenterNodes nodes = new CenterNodes();
    IssuerCenterServer.ClaimStrategy counted =
        (db, clock, settings) -> {
          var opened = claims.open(db, clock, settings);
          if (opened instanceof BatchedSeatClaims b) {
            nodes.batched.add(b);
          }
          return opened;
        };
    try {
      for (int i = 0; i < count; i++) {
        nodes.servers.add(IssuerCenterServer.start(config, Clock.systemUTC(), counted));
      }
    } catch (RuntimeException e) {
      nodes.close();
      throw e;
    }
    return nodes;
  }

  List<InetSocketAddress> addresses() {
    return servers.stream()
        .map(s -> new InetSocketAddress(s.baseUri().getHost(), s.baseUri().getPort()))
        .toList();
  }

  /** Every node reads its share of the event's seats now, before the rush. */
  void prepareSale(EventId eventId) {
    servers.forEach(s -> s.prepareSale(eventId));
  }

  /** Seats the database refused the nodes' batched claims so far (-1 for the baseline). */
  long refusedSeats() {
    return batched.isEmpty()
        ? -1
        : batched.stream().mapToLong(BatchedSeatClaims::refusedSeats).sum();
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (IssuerCenterServer s : servers) {
      try {
        s.close();
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
