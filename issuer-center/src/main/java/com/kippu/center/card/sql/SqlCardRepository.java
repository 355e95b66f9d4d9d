package com.kippu.center.card.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.card.CardReissue;
import com.kippu.center.card.CardRepository;
import com.kippu.center.card.CardTicket;
import com.kippu.center.card.LostCard;
import com.kippu.center.card.ReissuedTicket;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.outbox.MessageType;
import com.kippu.center.outbox.sql.SqlOutbox;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.user.UserId;
import com.kippu.center.verify.RevocationEntry;
import com.kippu.center.verify.sql.SqlRevocations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Lost cards and reissues on {@code lost_card}, {@code reissued_ticket} and friends. */
public final class SqlCardRepository implements CardRepository {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TICKETS_ON_CARD =
      "SELECT x.ticket_number, x.reservation_number, x.issuer_id, x.payload,"
          + " (SELECT COUNT(*) FROM ticket_use u WHERE u.ticket_number = x.ticket_number) AS used,"
          + " rt.ticket_number AS replaced_by, rt.card_id AS replaced_on FROM %s x"
          + " LEFT JOIN reissued_ticket rt ON rt.replaces_ticket_number = x.ticket_number"
          + " WHERE x.card_id = ?";

  private final Database db;

  public SqlCardRepository(Database db) {
    this.db = db;
  }

  @Override
  public LostCard markLost(CardId cardId, UserId reportedBy, String reason, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO lost_card (card_id, user_id, reason, lost_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (card_id) DO NOTHING")) {
            ps.setString(1, cardId.value());
            ps.setString(2, reportedBy.value());
            ps.setString(3, reason);
            ps.setLong(4, at.toEpochMilli());
            ps.executeUpdate();
          }
          Instant lostAt = lostAtIn(c, cardId).orElseThrow();
          SqlRevocations.revoke(c, RevocationEntry.Kind.CARD, cardId.value(), reason, lostAt);
          List<TicketNumber> revoked = new ArrayList<>();
          // Every issuer with something on the card is told: tickets' issuers, the railway of a
          // pass, the issuer of the prepaid value (S2 ¶38, ¶40).
          TreeMap<String, ObjectNode> byIssuer = new TreeMap<>();
          for (CardTicket t : ticketsOnIn(c, cardId)) {
            SqlRevocations.revoke(
                c, RevocationEntry.Kind.TICKET, t.ticketNumber().value(), reason, lostAt);
            revoked.add(t.ticketNumber());
            notice(byIssuer, t.issuerId().value(), cardId, lostAt, reason)
                .withArray("revokedTickets")
                .add(t.ticketNumber().value());
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT issuer_id, pass_number FROM pass_sale WHERE card_id = ?"
                      + " UNION ALL SELECT issuer_id, pass_number FROM reissued_pass"
                      + " WHERE card_id = ? ORDER BY 2")) {
            ps.setString(1, cardId.value());
            ps.setString(2, cardId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                notice(byIssuer, rs.getString(1), cardId, lostAt, reason)
                    .withArray("passes")
                    .add(rs.getString(2));
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT issuer_id, value_yen FROM prepaid_card WHERE card_id = ?")) {
            ps.setString(1, cardId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                notice(byIssuer, rs.getString(1), cardId, lostAt, reason)
                    .put("prepaidValueYen", rs.getLong(2));
              }
            }
          }
          for (var e : byIssuer.entrySet()) {
            String key = e.getValue().get("idempotencyKey").asText();
            SqlOutbox.enqueue(
                c, key, new IssuerId(e.getKey()), MessageType.CARD_LOST, bytes(e.getValue()), at);
          }
          return new LostCard(cardId, lostAt, revoked);
        });
  }

  /** The CARD_LOST notice to {@code issuer}, begun on first use. */
  private static ObjectNode notice(
      TreeMap<String, ObjectNode> byIssuer,
      String issuer,
      CardId cardId,
      Instant lostAt,
      String reason) {
    return byIssuer.computeIfAbsent(
        issuer,
        k -> {
          String key = "card-lost-" + cardId.value() + "-" + k;
          ObjectNode p = JSON.createObjectNode();
          p.put("idempotencyKey", key);
          p.put("type", MessageType.CARD_LOST.name());
          p.put("issuerId", k);
          p.put("cardId", cardId.value());
          p.put("lostAt", lostAt.toString());
          p.put("reason", reason);
          p.putArray("revokedTickets");
          return p;
        });
  }

  @Override
  public Optional<Instant> lostAt(CardId cardId) {
    return db.read(c -> lostAtIn(c, cardId));
  }

  private static Optional<Instant> lostAtIn(Connection c, CardId cardId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT lost_at FROM lost_card WHERE card_id = ?")) {
      ps.setString(1, cardId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
      }
    }
  }

  @Override
  public List<CardTicket> ticketsOn(CardId cardId) {
    return db.read(c -> ticketsOnIn(c, cardId));
  }

  private static List<CardTicket> ticketsOnIn(Connection c, CardId cardId) throws SQLException {
    List<CardTicket> list = new ArrayList<>();
    for (String table : List.of("ticket", "reissued_ticket")) {
      try (PreparedStatement ps =
          c.prepareStatement(String.format(TICKETS_ON_CARD, table) + " ORDER BY 1")) {
        ps.setString(1, cardId.value());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String by = rs.getString("replaced_by");
            list.add(
                new CardTicket(
                    new TicketNumber(rs.getString("ticket_number")),
                    new ReservationNumber(rs.getString("reservation_number")),
                    new IssuerId(rs.getString("issuer_id")),
                    rs.getBytes("payload"),
                    rs.getLong("used") > 0,
                    by == null
                        ? Optional.empty()
                        : Optional.of(
                            new CardTicket.Replacement(
                                new TicketNumber(by), new CardId(rs.getString("replaced_on"))))));
          }
        }
      }
    }
    return list;
  }

  @Override
  public Optional<CardId> reissuedOnto(CardId lostCard) {
    return db.read(c -> reissueIn(c, lostCard).map(r -> r.newCard));
  }

  /** The recorded reissue of {@code lostCard}: onto which card, and the value moved. */
  private record Recorded(CardId newCard, long valueYen, Optional<IssuerId> valueIssuer) {}

  private static Optional<Recorded> reissueIn(Connection c, CardId lostCard) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT new_card_id, value_yen, value_issuer_id FROM card_reissue"
                + " WHERE lost_card_id = ?")) {
      ps.setString(1, lostCard.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String issuer = rs.getString(3);
        return Optional.of(
            new Recorded(
                new CardId(rs.getString(1)),
                rs.getLong(2),
                issuer == null ? Optional.empty() : Optional.of(new IssuerId(issuer))));
      }
    }
  }

  @Override
  public Optional<CardReissue> reissue(
      CardId oldCard, CardId newCard, UserId user, List<ReissuedTicket> replacements, Instant at) {
    try {
      return writeReissue(oldCard, newCard, user, replacements, at);
    } catch (NewCardTaken e) {
      return Optional.empty(); // rolled back: nothing of the reissue stays
    }
  }

  /** Thrown inside the reissue's transaction to roll it back: the new card cannot take it. */
  private static final class NewCardTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NewCardTaken() {
      super("the new card is a prepaid card already", null, false, false);
    }
  }

  private Optional<CardReissue> writeReissue(
      CardId oldCard, CardId newCard, UserId user, List<ReissuedTicket> replacements, Instant at) {
    return db.write(
        c -> {
          boolean first;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO card_reissue (lost_card_id, new_card_id, user_id, reissued_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, oldCard.value());
            ps.setString(2, newCard.value());
            ps.setString(3, user.value());
            ps.setLong(4, at.toEpochMilli());
            first = ps.executeUpdate() == 1;
          }
          Optional<Recorded> recorded = reissueIn(c, oldCard);
          if (recorded.isEmpty()) {
            return Optional.<CardReissue>empty(); // the new card took another lost card's
          }
          if (!recorded.get().newCard().equals(newCard)) {
            return Optional.of(
                new CardReissue(oldCard, recorded.get().newCard(), List.of(), 0, Optional.empty()));
          }
          if (first) {
            moveValue(c, oldCard, newCard, at);
            recorded = reissueIn(c, oldCard);
          }
          insertReissued(c, replacements.stream().filter(r -> r.cardId().equals(newCard)).toList());
          List<ReissuedTicket> all = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT rt.* FROM reissued_ticket rt WHERE rt.replaces_ticket_number IN"
                      + " (SELECT ticket_number FROM ticket WHERE card_id = ?"
                      + " UNION ALL SELECT ticket_number FROM reissued_ticket WHERE card_id = ?)"
                      + " ORDER BY rt.replaces_ticket_number")) {
            ps.setString(1, oldCard.value());
            ps.setString(2, oldCard.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                all.add(reissued(rs));
              }
            }
          }
          Recorded r = recorded.orElseThrow();
          return Optional.of(new CardReissue(oldCard, newCard, all, r.valueYen(), r.valueIssuer()));
        });
  }

  /** The lost card's active prepaid value becomes the new card's; the lost card keeps none. */
  private static void moveValue(Connection c, CardId oldCard, CardId newCard, Instant at)
      throws SQLException {
    String product;
    String issuer;
    long value;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT product_id, issuer_id, value_yen FROM prepaid_card"
                + " WHERE card_id = ? AND status = 'ACTIVE' AND value_yen > 0")) {
      ps.setString(1, oldCard.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        product = rs.getString(1);
        issuer = rs.getString(2);
        value = rs.getLong(3);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO prepaid_card (card_id, product_id, issuer_id, status, value_yen,"
                + " registered_at, activated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?)"
                + " ON CONFLICT (card_id) DO NOTHING")) {
      ps.setString(1, newCard.value());
      ps.setString(2, product);
      ps.setString(3, issuer);
      ps.setLong(4, value);
      ps.setLong(5, at.toEpochMilli());
      ps.setLong(6, at.toEpochMilli());
      if (ps.executeUpdate() != 1) {
        throw new NewCardTaken();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE prepaid_card SET value_yen = 0 WHERE card_id = ?")) {
      ps.setString(1, oldCard.value());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE card_reissue SET value_yen = ?, value_issuer_id = ? WHERE lost_card_id = ?")) {
      ps.setLong(1, value);
      ps.setString(2, issuer);
      ps.setString(3, oldCard.value());
      ps.executeUpdate();
    }
  }

  @Override
  public ReissuedTicket replace(ReissuedTicket r, String reason) {
    return db.write(
        c -> {
          SqlRevocations.revoke(
              c, RevocationEntry.Kind.TICKET, r.replaces().value(), reason, r.issuedAt());
          insertReissued(c, List.of(r));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM reissued_ticket WHERE replaces_ticket_number = ?")) {
            ps.setString(1, r.replaces().value());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return reissued(rs);
            }
          }
        });
  }

  private static void insertReissued(Connection c, List<ReissuedTicket> replacements)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reissued_ticket (ticket_number, replaces_ticket_number,"
                + " reservation_number, issuer_id, card_id, issued_at, payload, signature,"
                + " key_id, algorithm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (replaces_ticket_number) DO NOTHING")) {
      for (ReissuedTicket r : replacements) {
        ps.setString(1, r.ticketNumber().value());
        ps.setString(2, r.replaces().value());
        ps.setString(3, r.reservationNumber().value());
        ps.setString(4, r.issuerId().value());
        ps.setString(5, r.cardId().value());
        ps.setLong(6, r.issuedAt().toEpochMilli());
        ps.setBytes(7, r.signed().payload());
        ps.setBytes(8, r.signed().signature());
        ps.setString(9, r.signed().keyId());
        ps.setString(10, r.signed().algorithm());
        ps.executeUpdate();
      }
    }
  }

  private static ReissuedTicket reissued(ResultSet rs) throws SQLException {
    return new ReissuedTicket(
        new TicketNumber(rs.getString("ticket_number")),
        new TicketNumber(rs.getString("replaces_ticket_number")),
        new ReservationNumber(rs.getString("reservation_number")),
        new IssuerId(rs.getString("issuer_id")),
        new CardId(rs.getString("card_id")),
        Instant.ofEpochMilli(rs.getLong("issued_at")),
        new SignedDocument(
            rs.getBytes("payload"),
            rs.getBytes("signature"),
            rs.getString("key_id"),
            rs.getString("algorithm")));
  }

  private static byte[] bytes(com.fasterxml.jackson.databind.node.ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode lost-card notice", e);
    }
  }
}
