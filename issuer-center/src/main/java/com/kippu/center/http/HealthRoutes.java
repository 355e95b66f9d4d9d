package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness for load balancers and orchestrators: {@code /health} answers 200 while
 * the center can reach its database and 503 when it cannot; {@code /ready} also turns 503 once the
 * center is shutting down, so no new work is routed to it.
 */
public final class HealthRoutes implements RouteGroup {
  private final BooleanSupplier databaseUp;
  private final BooleanSupplier stopping;

  public HealthRoutes(BooleanSupplier databaseUp, BooleanSupplier stopping) {
    this.databaseUp = databaseUp;
    this.stopping = stopping;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add("GET", "/health", r -> health()).add("GET", "/ready", r -> ready());
  }

  private Response health() {
    boolean db = databaseUp.getAsBoolean();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("status", db ? "UP" : "DOWN");
    out.put("database", db ? "UP" : "DOWN");
    return Response.json(db ? 200 : 503, out);
  }

  private Response ready() {
    boolean db = databaseUp.getAsBoolean();
    boolean ready = db && !stopping.getAsBoolean();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("status", ready ? "READY" : "NOT_READY");
    out.put("database", db ? "UP" : "DOWN");
    return Response.json(ready ? 200 : 503, out);
  }
}
