package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.verify.IssuerKeyCertificates;
import java.util.Optional;

/**
 * {@code GET /v1/issuers/{issuerId}/key-certificate}: the issuer's key as the center's root key
 * certifies it. Open like the keys themselves: what protects a terminal is the root key it was
 * installed with, not this route.
 */
public final class KeyRoutes implements RouteGroup {
  private final IssuerKeyCertificates certificates;

  public KeyRoutes(IssuerKeyCertificates certificates) {
    this.certificates = certificates;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add("GET", "/v1/issuers/{}/key-certificate", this::certificate);
  }

  private Response certificate(Request request) {
    Optional<SignedDocument> cert =
        CenterApi.id(request.pathParam(0), IssuerId::new).flatMap(certificates::certificate);
    if (cert.isEmpty()) {
      return Response.error(404, "ISSUER_NOT_FOUND", "no issuer " + request.pathParam(0), null);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("issuerId", request.pathParam(0));
    out.set("certificate", CenterApi.envelope(cert.get()));
    return Response.json(200, out);
  }
}
