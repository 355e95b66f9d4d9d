package com.kippu.gate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardAccess;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardKey;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.RecordType;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.RevocationList;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.device.CertifiedCardAccess;
import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardAccessExchange.Certificate;
import com.kippu.devices.CardAccessExchange.TerminalKey;
import com.kippu.gate.GateLane;
import com.kippu.gate.GateResult;
import com.kippu.gate.check.GatePolicy;
import com.kippu.gate.check.TicketChecker;
import com.kippu.gate.store.SqliteGateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kippu-gate bench}: offline verifications per second on one thread — the gate lane's own
 * {@link GateLane#inspectCard} over cards in memory (read, decrypt, chain, issuer signature through
 * the certified key, revocation list, USED marks and the gate's SQLite store) — beside a bare
 * Ed25519 verify loop of the same signatures in the same run, and their ratio.
 */
public final class GateBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = "evt-bench";
  private static final String VENUE = "Bench Arena";
  private static final Instant DOORS = Instant.parse("2026-12-24T08:00:00Z");

  private final int cards;
  private final int rounds;
  private final PrintStream out;

  public GateBenchmark(int cards, int rounds, PrintStream out) {
    this.cards = cards;
    this.rounds = rounds;
    this.out = out;
  }

  /** Runs the benchmark and returns the ratio it prints last. */
  public double run() throws IOException, GeneralSecurityException, CenterException {
    KeyPair root = generate();
    KeyPair issuer = generate();
    IssuerKeyTrust trust = new IssuerKeyTrust(root.getPublic());
    trust.accept(certificate(root.getPrivate(), issuer.getPublic()));
    Path dir = Files.createTempDirectory("kippu-gate-bench");
    try (SqliteGateStore store = SqliteGateStore.open(dir.resolve("gate.db"))) {
      GatePolicy policy =
          new GatePolicy(
              "BENCH-1",
              VENUE,
              Set.of(new EventId(EVENT)),
              Duration.ofHours(3),
              Duration.ofHours(4),
              Duration.ofHours(24),
              ZoneId.of("Asia/Tokyo"));
      TicketChecker checker = new TicketChecker(policy, trust, store);
      checker.use(RevocationList.verify(revocations(root.getPrivate(), 1000), trust));
      CardRecordCodec codec = new CardRecordCodec(new SecureRandom());
      Clock clock = Clock.fixed(DOORS, ZoneOffset.UTC);
      CardAccess gateAccess = access(root.getPrivate(), "BENCH-1");
      Certificate gateCertificate = certificateOf(root.getPrivate(), "BENCH-1", gateAccessKey);
      GateLane lane =
          new GateLane(
              checker, codec, gateAccess, store, Optional.empty(), Optional.empty(), clock);
      List<MemoryCard> deck = new ArrayList<>();
      List<SignedDocument> signed = new ArrayList<>();
      byte[] rootX509 = root.getPublic().getEncoded();
      for (int i = 0; i < cards; i++) {
        MemoryCard card = new MemoryCard(String.format("KC-B%06d", i));
        CardId id = card.readChip().cardId();
        byte[] recordKey = new byte[CardAccessExchange.RECORD_KEY_LENGTH];
        RANDOM.nextBytes(recordKey);
        byte[] cert = gateCertificate.encode();
        card.answerFor(
            cert, CardAccessExchange.answer(recordKey, rootX509, id.value(), cert).orElseThrow());
        SignedDocument ticket = ticket(issuer.getPrivate(), i, id);
        card.append(
            codec.seal(
                new CardKey(id, recordKey),
                card.readRecords(),
                RecordType.TICKET,
                TicketCard.encode(ticket)));
        deck.add(card);
        signed.add(ticket);
      }
      out.printf(
          "gate bench: %d cards, %d rounds, 1 thread, revocation list of 1000 entries, Java %s,"
              + " %d cores, load average %.2f%n",
          cards,
          rounds,
          Runtime.version(),
          Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      Signatures.Verifier key = Signatures.verifier(issuer.getPublic()).orElseThrow();
      List<byte[][]> pairs =
          signed.stream().map(d -> new byte[][] {d.signature(), d.payload()}).toList();
      for (int warm = 0; warm < 2; warm++) {
        verifyAll(lane, deck);
        bareAll(pairs, key);
      }
      // Rounds alternate, so both loops see the same machine; the best round of each counts.
      double gate = 0;
      double bare = 0;
      for (int r = 0; r < rounds; r++) {
        gate = Math.max(gate, perSecond(() -> verifyAll(lane, deck)));
        bare = Math.max(bare, perSecond(() -> bareAll(pairs, key)));
      }
      double ratio = gate / bare;
      out.printf("offline verifications: %,.0f cards/s (%.1f us each)%n", gate, 1e6 / gate);
      out.printf("bare Ed25519 verify:   %,.0f verifies/s (%.1f us each)%n", bare, 1e6 / bare);
      out.printf("ratio verifications/bare-verify: %.2f%n", ratio);
      return ratio;
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private interface Loop {
    void run() throws IOException;
  }

  /** One pass over the deck, in operations per second. */
  private double perSecond(Loop loop) throws IOException {
    long t0 = System.nanoTime();
    loop.run();
    return cards / ((System.nanoTime() - t0) / 1e9);
  }

  private static void verifyAll(GateLane lane, List<MemoryCard> deck) {
    for (MemoryCard card : deck) {
      GateResult r = lane.inspectCard(card);
      if (!r.admitted()) {
        throw new IllegalStateException("bench card refused: " + r.refusal() + " " + r.detail());
      }
    }
  }

  /**
   * The bare primitive the gate's check ends in: RFC 8032 verification under the same decoded key,
   * on signature and payload already in hand.
   */
  private static void bareAll(List<byte[][]> signed, Signatures.Verifier verifier) {
    for (byte[][] p : signed) {
      if (!verifier.verify(p[0], p[1])) {
        throw new IllegalStateException("bench signature does not verify");
      }
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private final TerminalKey gateAccessKey = TerminalKey.generate();

  /** The gate's card access, its key certified by the bench's center root. */
  private CardAccess access(PrivateKey root, String gateId) throws GeneralSecurityException {
    return new CertifiedCardAccess(gateAccessKey, certificateOf(root, gateId, gateAccessKey));
  }

  private static Certificate certificateOf(PrivateKey root, String holder, TerminalKey key)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(Signatures.ED25519);
    s.initSign(root);
    s.update(Certificate.signedBytes(holder, key.publicKey()));
    return new Certificate(holder, key.publicKey(), s.sign());
  }

  private static KeyPair generate() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance(Signatures.ED25519).generateKeyPair();
  }

  private static SignedDocument sign(PrivateKey key, ObjectNode payload, String keyId)
      throws GeneralSecurityException, IOException {
    byte[] bytes = JSON.writeValueAsBytes(payload);
    Signature s = Signature.getInstance(Signatures.ED25519);
    s.initSign(key);
    s.update(bytes);
    return new SignedDocument(bytes, s.sign(), keyId, Signatures.ED25519);
  }

  private static SignedDocument certificate(PrivateKey root, PublicKey issuer)
      throws GeneralSecurityException, IOException {
    ObjectNode p = JSON.createObjectNode();
    p.put("type", IssuerKeyTrust.CERTIFICATE_TYPE);
    p.put("issuerId", "bench-promo");
    p.put("keyId", "bench-promo#1");
    p.put("algorithm", Signatures.ED25519);
    p.put("publicKey", Base64.getEncoder().encodeToString(issuer.getEncoded()));
    p.put("certifiedBy", "center#1");
    return sign(root, p, "center#1");
  }

  private static SignedDocument revocations(PrivateKey root, int entries)
      throws GeneralSecurityException, IOException {
    ObjectNode p = JSON.createObjectNode().put("version", entries);
    p.put("generatedAt", DOORS.minus(Duration.ofHours(1)).toString());
    ArrayNode list = p.putArray("entries");
    for (int i = 0; i < entries; i++) {
      list.addObject()
          .put("sequence", i + 1)
          .put("kind", i % 2 == 0 ? "CARD" : "TICKET")
          .put("subject", i % 2 == 0 ? String.format("KC-L%06d", i) : String.format("TV%011d", i))
          .put("reason", "LOST")
          .put("revokedAt", DOORS.toString());
    }
    return sign(root, p, "center#1");
  }

  private static SignedDocument ticket(PrivateKey issuer, int i, CardId card)
      throws GeneralSecurityException, IOException {
    ObjectNode t =
        JSON.createObjectNode()
            .put("ticketNumber", String.format("T%012d", i))
            .put("issueNumber", i + 1)
            .put("issuerId", new IssuerId("bench-promo").value())
            .put("issuerName", "Bench Promotions")
            .put("issuedAt", DOORS.minus(Duration.ofDays(7)).toString())
            .put("cardId", card.value());
    ObjectNode content =
        t.putObject("content")
            .put("eventId", EVENT)
            .put("title", "Bench Night")
            .put("venue", VENUE)
            .put("startsAt", "2026-12-24T18:00+09:00");
    content
        .putArray("seats")
        .addObject()
        .put("seatId", "A-1-" + (i % 50 + 1))
        .put("section", "A")
        .put("row", "1")
        .put("number", i % 50 + 1)
        .put("priceYen", 8800);
    t.putObject("payment")
        .put("method", "ACCOUNT_TRANSFER")
        .put("amountYen", 8800)
        .put("reference", String.format("%012d", i))
        .put("approvalCode", "A1B2C3")
        .put("stan", "000123")
        .put("paidAt", DOORS.minus(Duration.ofDays(7)).toString());
    t.putObject("reservation").put("reservationNumber", String.format("R%010d", i));
    return sign(issuer, t, "bench-promo#1");
  }
}
