package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.center.IssuerCenterServer;
import com.kippu.center.issuer.IssuerKind;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.simulator.bank.BankHostServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The issuers whose cards a kiosk sells (S2 ¶15-21), as their local servers: the operator enrols
 * each, and each pushes its catalog to the center over the issuer API, signed with its own secret —
 * a promoter its concerts with seat maps and the art printed on the card face, a railway its
 * commuter-pass sections with their fares, a prepaid issuer its cards. Demo data in Japanese, the
 * language of the seeds (S2 ¶24: 深田聖子のコンサート, 横浜アリーナ, S-502). Pushing again on a reopened branch
 * changes nothing.
 */
final class KioskIssuers {
  static final String PROMOTER = "yokohama-live";
  static final AccountNumber PROMOTER_ACCOUNT = new AccountNumber("0009-001-2000001");
  static final String CONCERT = "evt-2027-02-25-fukada";
  static final String PLAY = "evt-2027-03-12-kabuki";

  static final String RAILWAY = "keihin-rail";
  static final AccountNumber RAILWAY_ACCOUNT = new AccountNumber("0009-001-3000001");
  static final String PASS_1M = "keihin-shinagawa-yokohama-1m";

  static final String PREPAID_ISSUER = "kippu-prepaid";
  static final AccountNumber PREPAID_ACCOUNT = new AccountNumber("0009-001-4000001");
  static final String PREPAID_10000 = "kippu-prepaid-10000";

  /** Every issuer of the kiosk, each served by its own local server's records. */
  static final List<String> ALL = List.of(PROMOTER, RAILWAY, PREPAID_ISSUER);

  /** What a prepaid card costs and what its chip carries (a premium, as such cards often have). */
  static final long PREPAID_PRICE = 10_000;

  static final long PREPAID_VALUE = 10_500;

  /**
   * The pre-valued cards the prepaid issuer made and registered (S2 ¶41): the kiosk's hopper holds
   * the first {@value KioskStock#PRE_VALUED}; the rest are still on their way to other shops.
   */
  static final List<String> PREPAID_CARDS =
      List.of(
          "PV-00001",
          "PV-00002",
          "PV-00003",
          "PV-00004",
          "PV-00005",
          "PV-00006",
          "PV-00091",
          "PV-00092");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final IssuerCenterServer center;
  private final Path dir;
  private final Clock clock;
  private final HttpClient http;

  private KioskIssuers(
      IssuerCenterServer center, Path dir, Clock clock, Optional<javax.net.ssl.SSLContext> tls) {
    HttpClient.Builder client = HttpClient.newBuilder();
    tls.ifPresent(client::sslContext);
    this.http = client.build();
    this.center = center;
    this.dir = dir;
    this.clock = clock;
  }

  /** Enrols the kiosk's issuers, opens their bank accounts and pushes their catalogs. */
  static void publish(IssuerCenterServer center, BankHostServer bank, Path dir, Clock clock)
      throws IOException, InterruptedException {
    publish(center, bank, dir, clock, Optional.empty());
  }

  /**
   * As above, over the center's mutual TLS port with {@code tls} (the issuers' client certificate)
   * where the center speaks nothing else, as a home PC's does.
   */
  static void publish(
      IssuerCenterServer center,
      BankHostServer bank,
      Path dir,
      Clock clock,
      Optional<javax.net.ssl.SSLContext> tls)
      throws IOException, InterruptedException {
    openAccount(bank, PROMOTER_ACCOUNT, "Yokohama Live Kikaku");
    openAccount(bank, RAILWAY_ACCOUNT, "Keihin Dentetsu");
    openAccount(bank, PREPAID_ACCOUNT, "Kippu Prepaid");
    KioskIssuers issuers = new KioskIssuers(center, dir, clock, tls);
    issuers.promoter();
    issuers.railway();
    issuers.prepaidIssuer();
  }

  private static void openAccount(BankHostServer bank, AccountNumber account, String holder) {
    if (!bank.ledger().hasAccount(account)) {
      bank.ledger().openAccount(account, holder, 0);
    }
  }

  private void promoter() throws IOException, InterruptedException {
    String secret = secret(PROMOTER, "ヨコハマ・ライブ企画", IssuerKind.PROMOTER, PROMOTER_ACCOUNT.value());
    push(
        PROMOTER,
        secret,
        "/v1/issuers/" + PROMOTER + "/events/" + CONCERT,
        event(
            "深田聖子のコンサート",
            "コンサート",
            "深田聖子",
            "横浜アリーナ",
            "2027-02-25T14:00:00+09:00",
            List.of(new Section("S", 9_800), new Section("A", 7_500)),
            concertArt()));
    push(
        PROMOTER,
        secret,
        "/v1/issuers/" + PROMOTER + "/events/" + PLAY,
        event(
            "春の歌舞伎公演",
            "演劇",
            "市川一座",
            "神奈川県民ホール",
            "2027-03-12T17:30:00+09:00",
            List.of(new Section("S", 12_000)),
            art(new Color(0x1B5E20), new Color(0xF9A825))));
  }

  /**
   * The railway's sections and their published adult fares per period (S2 ¶21: 路線情報や運賃情報), a 3- and
   * 6-month pass cheaper per month than three or six 1-month passes.
   */
  private void railway() throws IOException, InterruptedException {
    String secret = secret(RAILWAY, "京浜電鉄", IssuerKind.RAILWAY, RAILWAY_ACCOUNT.value());
    pass(secret, PASS_1M, "京浜本線", "品川", "横浜", 30, 13_790);
    pass(secret, "keihin-shinagawa-yokohama-3m", "京浜本線", "品川", "横浜", 90, 39_310);
    pass(secret, "keihin-shinagawa-yokohama-6m", "京浜本線", "品川", "横浜", 180, 74_470);
    pass(secret, "keihin-shinagawa-kawasaki-1m", "京浜本線", "品川", "川崎", 30, 9_250);
    pass(secret, "keihin-kamata-haneda-1m", "空港線", "京急蒲田", "羽田空港", 30, 9_820);
  }

  /**
   * The prepaid issuer (S2 ¶41): its product, and the ids of the cards it made with their value
   * already on the chip, registered INACTIVE until each is sold.
   */
  private void prepaidIssuer() throws IOException, InterruptedException {
    String secret =
        secret(PREPAID_ISSUER, "キップ・プリペイド", IssuerKind.PREPAID_ISSUER, PREPAID_ACCOUNT.value());
    push(
        PREPAID_ISSUER,
        secret,
        "/v1/issuers/" + PREPAID_ISSUER + "/products/" + PREPAID_10000,
        JSON.createObjectNode()
            .put("cardType", "PREPAID")
            .put("name", "キップ・カード 10,000円")
            .put("priceYen", PREPAID_PRICE)
            .put("valueYen", PREPAID_VALUE));
    ObjectNode ids = JSON.createObjectNode().put("productId", PREPAID_10000);
    PREPAID_CARDS.forEach(ids.putArray("cardIds")::add);
    send(PREPAID_ISSUER, secret, "POST", "/v1/issuers/" + PREPAID_ISSUER + "/prepaid-cards", ids);
  }

  private void pass(
      String secret,
      String productId,
      String line,
      String from,
      String to,
      int days,
      long adultFareYen)
      throws IOException, InterruptedException {
    ObjectNode p =
        JSON.createObjectNode()
            .put("cardType", "COMMUTER_PASS")
            .put("name", from + "⇔" + to + " " + (days / 30) + "か月")
            .put("priceYen", adultFareYen);
    p.putObject("section")
        .put("line", line)
        .put("fromStation", from)
        .put("toStation", to)
        .put("periodDays", days);
    push(RAILWAY, secret, "/v1/issuers/" + RAILWAY + "/products/" + productId, p);
  }

  private record Section(String name, long priceYen) {}

  private static ObjectNode event(
      String title,
      String genre,
      String artist,
      String venue,
      String startsAt,
      List<Section> sections,
      byte[] art) {
    ObjectNode e =
        JSON.createObjectNode()
            .put("title", title)
            .put("genre", genre)
            .put("artist", artist)
            .put("venue", venue)
            .put("startsAt", startsAt);
    ArrayNode seats = e.putArray("seats");
    for (Section s : sections) {
      for (int row = 1; row <= 5; row++) {
        for (int number = 1; number <= 4; number++) {
          seats
              .addObject()
              .put("seatId", s.name() + "-" + row + "-" + number)
              .put("section", s.name())
              .put("row", Integer.toString(row))
              .put("number", number)
              .put("priceYen", s.priceYen());
        }
      }
    }
    e.putObject("image")
        .put("contentType", "image/png")
        .put("base64", Base64.getEncoder().encodeToString(art));
    return e;
  }

  /**
   * The art an issuer uploads for its card faces: a spotlight on a stage in the issuer's colours,
   * drawn here so the demo ships no picture files.
   */
  /** The concert's art, as its promoter uploads it for the card face. */
  static byte[] concertArt() throws IOException {
    return art(new Color(0xC2185B), new Color(0x311B92));
  }

  static byte[] art(Color top, Color bottom) throws IOException {
    int size = 180;
    int width = 140; // portrait: the card's text keeps most of the face
    BufferedImage img = new BufferedImage(width, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, top, 0, size, bottom));
      g.fillRect(0, 0, width, size);
      g.setColor(new Color(255, 255, 255, 90));
      g.fillPolygon(new Polygon(new int[] {60, 80, 130, 10}, new int[] {0, 0, 150, 150}, 4));
      g.setColor(new Color(255, 240, 200));
      g.fillOval(50, 70, 40, 40);
      g.fillRoundRect(42, 108, 56, 42, 20, 20);
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke(4));
      g.drawLine(0, 150, width, 150);
      Polygon star = new Polygon();
      for (int i = 0; i < 10; i++) {
        double r = i % 2 == 0 ? 18 : 8;
        double a = Math.PI / 5 * i - Math.PI / 2;
        star.addPoint((int) (115 + r * Math.cos(a)), (int) (28 + r * Math.sin(a)));
      }
      g.setColor(new Color(255, 235, 59));
      g.fillPolygon(star);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /**
   * The issuer's API secret: handed over once, when the operator first enrols it, and kept by the
   * issuer's system (here a file beside the branch's other keys).
   */
  private String secret(String issuer, String name, IssuerKind kind, String bankAccount)
      throws IOException {
    Path file = dir.resolve("issuer-" + issuer + ".secret");
    Optional<String> fresh = center.enrolIssuer(issuer, name, kind, bankAccount);
    if (fresh.isPresent()) {
      Files.deleteIfExists(file);
      OwnerOnly.file(file);
      Files.writeString(file, fresh.get());
      return fresh.get();
    }
    if (!Files.exists(file)) {
      throw new IOException("issuer " + issuer + " is enrolled but its API secret is lost");
    }
    return Files.readString(file).trim();
  }

  /** One request signed as {@code issuer}, as its local server sends it. */
  JsonNode push(String issuer, String secret, String path, ObjectNode body)
      throws IOException, InterruptedException {
    return send(issuer, secret, "PUT", path, body);
  }

  JsonNode send(String issuer, String secret, String method, String path, ObjectNode body)
      throws IOException, InterruptedException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    String ts = Long.toString(clock.instant().getEpochSecond());
    String nonce = RequestSignature.newNonce();
    String signature =
        RequestSignature.sign(
            secret.getBytes(StandardCharsets.UTF_8), method, path, bytes, ts, nonce);
    HttpRequest request =
        HttpRequest.newBuilder(center.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Issuer-Id", issuer)
            .header("X-Kippu-Timestamp", ts)
            .header("X-Kippu-Nonce", nonce)
            .header("X-Kippu-Signature", signature)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          issuer
              + ": center answered "
              + response.statusCode()
              + " to "
              + path
              + ": "
              + response.body());
    }
    return JSON.readTree(response.body());
  }
}
