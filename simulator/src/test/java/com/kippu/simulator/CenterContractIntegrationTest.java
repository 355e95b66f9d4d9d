package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.OpenApiBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The center's API as the terminal really uses it: every demo scenario (every payment method and
 * terminal kind, the home PC's mutual TLS included) played on real branches whose plugin reaches
 * the center through a recording proxy, and every request and answer between them checked against
 * {@code openapi.yaml} by the validator the center's own tests use ({@link OpenApiBodies}): the
 * operation is documented, its status is one the operation documents, a JSON answer matches the
 * schema of that status and media type, and a request the center accepted matches the request
 * schema. Then the same check is shown to reject a recorded answer made wrong.
 */
class CenterContractIntegrationTest {
  @TempDir Path dir;

  /** One exchange, and the scenario it belongs to. */
  private record Seen(String scenario, HttpExchanges.Exchange exchange) {}

  /** A proxy, and the scenario whose branch reaches its center through it. */
  private record Proxied(String scenario, RecordingProxy proxy) {}

  @Test
  void everyExchangeOfEveryDemoScenarioIsOneOpenapiYamlDocuments() throws Exception {
    List<Proxied> proxies = new CopyOnWriteArrayList<>();
    Demo.Opener proxied =
        (scenario, at) ->
            Branch.open(
                at,
                new DemoClock(Clock.systemUTC()),
                scenario.name(),
                Branch.PRESENT_TIMEOUT,
                scenario.kind(),
                center -> {
                  RecordingProxy proxy = proxy(center, at);
                  proxies.add(new Proxied(scenario.name(), proxy));
                  return proxy.uri();
                });
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      exit = new Demo(Demo.scenarios(), out, proxied).run(dir);
    } finally {
      for (Proxied p : proxies) {
        p.proxy().close();
      }
    }
    assertEquals(0, exit, printed.toString(StandardCharsets.UTF_8));

    List<Seen> seen = new ArrayList<>();
    for (Proxied p : proxies) {
      for (RecordingProxy.Conversation c : p.proxy().conversations()) {
        HttpExchanges.read(c).forEach(e -> seen.add(new Seen(p.scenario(), e)));
      }
    }
    List<String> problems = new ArrayList<>();
    Set<String> operations = new TreeSet<>();
    for (Seen s : seen) {
      problems.addAll(check(s));
      HttpExchanges.Exchange e = s.exchange();
      OpenApiBodies.operation(e.method(), e.target()).ifPresent(operations::add);
    }
    assertEquals(List.of(), problems, "exchanges openapi.yaml does not document");
    assertTrue(seen.size() > 200, seen.size() + " exchanges read back");
    assertTrue(
        operations.containsAll(
            Set.of(
                "POST /v1/purchases",
                "POST /v1/reservations/{}/issue",
                "POST /v1/commuter-passes",
                "POST /v1/prepaid-cards/{}/recharge",
                "POST /v1/users/{}/purchases",
                "POST /v1/home/payments")),
        "the scenarios reach the center's main operations: " + operations);
    assertTrue(
        seen.stream().anyMatch(s -> s.scenario().startsWith("home-pc")),
        "the home PC's traffic over mutual TLS was read in clear");

    theCheckRejectsARecordedAnswerMadeWrong(seen);
  }

  /** What the document says against {@code s}; an operation it does not name is one too. */
  private static List<String> check(Seen s) {
    HttpExchanges.Exchange e = s.exchange();
    String where = s.scenario() + ": " + e.method() + " " + e.target() + " " + e.status();
    if (OpenApiBodies.operation(e.method(), e.target()).isEmpty()) {
      return List.of(where + ": not an operation of openapi.yaml");
    }
    return OpenApiBodies.check(
            e.method(), e.target(), e.requestBody(), e.status(), e.contentType(), e.responseBody())
        .stream()
        .map(problem -> s.scenario() + ": " + problem)
        .toList();
  }

  /**
   * The check bites on this very traffic: a recorded purchase answered with a status the document
   * does not list, or with a required member missing from its body, or under another media type, is
   * reported. (OpenApiBodiesTest in the center shows the same on hand-made bodies.)
   */
  private static void theCheckRejectsARecordedAnswerMadeWrong(List<Seen> seen) {
    Seen purchase =
        seen.stream()
            .filter(
                s ->
                    s.exchange().method().equals("POST")
                        && s.exchange().target().equals("/v1/purchases")
                        && s.exchange().status() == 201)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no purchase answered 201"));
    HttpExchanges.Exchange e = purchase.exchange();
    assertTrue(check(purchase).isEmpty(), "as recorded it agrees");

    List<String> teapot = check(withAnswer(purchase, 418, e.contentType(), e.responseBody()));
    assertTrue(teapot.toString().contains("status not documented"), teapot.toString());
    String body = new String(e.responseBody(), StandardCharsets.UTF_8);
    assertTrue(body.contains("\"ticketNumber\""), body);
    byte[] missing =
        body.replace("\"ticketNumber\"", "\"ticketNo\"").getBytes(StandardCharsets.UTF_8);
    List<String> schema = check(withAnswer(purchase, 201, e.contentType(), missing));
    assertTrue(schema.toString().contains("ticketNumber"), schema.toString());
    List<String> media = check(withAnswer(purchase, 201, "application/xml", e.responseBody()));
    assertTrue(media.toString().contains("answered application/xml"), media.toString());
  }

  private static Seen withAnswer(Seen s, int status, String type, byte[] body) {
    HttpExchanges.Exchange e = s.exchange();
    return new Seen(
        s.scenario(),
        new HttpExchanges.Exchange(e.method(), e.target(), e.requestBody(), status, type, body));
  }

  /**
   * A recording proxy in front of the branch's center: plain for a plain center; for a home PC's
   * center (mutual TLS) one that presents the center's certificate to the terminal and the
   * terminal's to the center, both from the branch's own certificates.
   */
  private static RecordingProxy proxy(URI center, Path branch) {
    try {
      if (!center.getScheme().equals("https")) {
        return new RecordingProxy(center);
      }
      BranchCertificates certificates = BranchCertificates.of(branch, Branch.TERMINAL_ID);
      char[] password = certificates.password().toCharArray();
      return new RecordingProxy(
          center,
          tls(certificates.centerKeyStore(), null, password),
          tls(certificates.terminalKeyStore(), certificates.trustStore(), password));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext tls(Path keyStore, Path trustStore, char[] password)
      throws IOException, java.security.GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load(keyStore, password), password);
    TrustManagerFactory trust = null;
    if (trustStore != null) {
      trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(trustStore, password));
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path file, char[] password)
      throws IOException, java.security.GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }
}
