package com.kippu.center.reservation.sql;

import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.IssuedTicket;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.ReservationStatus;
import com.kippu.center.reservation.ReservationStore;
import com.kippu.center.reservation.ReservedSeat;
import com.kippu.center.reservation.SeatConflictException;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.SignedDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ReservationStore} over one JDBC connection inside an open transaction. Plain SQL that
 * SQLite and PostgreSQL both accept; seat changes are conditional UPDATEs whose row counts are
 * checked, made in seat id order so concurrent holds lock rows in one order (no deadlock), and
 * {@code ticket_seat}'s primary key rejects a second sale of any seat; payments go through {@link
 * PaymentRows}.
 */
final class SqlReservationStore implements ReservationStore {
  private final Connection c;
  private final String lockForUpdate;

  /** {@code lockForUpdate} is appended to reservation reads (" FOR UPDATE" in a locking write). */
  SqlReservationStore(Connection c, String lockForUpdate) {
    this.c = c;
    this.lockForUpdate = lockForUpdate;
  }

  /** Carries a checked SQLException through the functional port; unwrapped by the repository. */
  static final class WrappedSqlException extends RuntimeException {
    WrappedSqlException(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(Sql<T> body) {
    try {
      return body.run();
    } catch (SQLException e) {
      throw new WrappedSqlException(e);
    }
  }

  @Override
  public Optional<Reservation> find(ReservationNumber number) {
    return sql(
        () ->
            one(
                "SELECT * FROM reservation WHERE reservation_number = ?" + lockForUpdate,
                number.value()));
  }

  @Override
  public Optional<Reservation> findByRequest(TerminalId terminalId, RequestNumber requestNumber) {
    return sql(
        () ->
            one(
                "SELECT * FROM reservation WHERE terminal_id = ? AND request_number = ?"
                    + lockForUpdate,
                terminalId.value(),
                requestNumber.value()));
  }

  @Override
  public boolean exists(ReservationNumber number) {
    return find(number).isPresent();
  }

  @Override
  public List<Seat> seats(EventId eventId, List<SeatId> seatIds) {
    return sql(
        () -> {
          String marks = String.join(", ", Collections.nCopies(seatIds.size(), "?"));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM seat WHERE event_id = ? AND seat_id IN (" + marks + ")")) {
            ps.setString(1, eventId.value());
            for (int i = 0; i < seatIds.size(); i++) {
              ps.setString(i + 2, seatIds.get(i).value());
            }
            List<Seat> seats = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                seats.add(
                    SqlCatalogRepository.seat(rs, SeatStatus.valueOf(rs.getString("status"))));
              }
            }
            return seats;
          }
        });
  }

  @Override
  public List<Seat> availableSeats(EventId eventId) {
    return sql(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT * FROM seat WHERE event_id = ? AND status = 'AVAILABLE'")) {
            ps.setString(1, eventId.value());
            List<Seat> seats = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                seats.add(SqlCatalogRepository.seat(rs, SeatStatus.AVAILABLE));
              }
            }
            return seats;
          }
        });
  }

  /** Inserts a reservation row; 14 parameters, bound by {@link #bindReservation}. */
  static final String INSERT_RESERVATION =
      "INSERT INTO reservation (reservation_number, terminal_id, request_number,"
          + " card_id, event_id, issuer_id, amount_yen, status, reserved_at,"
          + " expires_at, payload, signature, key_id, algorithm)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Inserts one seat of a reservation; bound by {@link #addSeatBatch}. */
  static final String INSERT_RESERVATION_SEAT =
      "INSERT INTO reservation_seat (reservation_number, position, event_id, seat_id,"
          + " section, row_label, seat_number, price_yen)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** AVAILABLE -> HELD by reservation ?1, for seat (?2, ?3); changes 0 rows when not free. */
  static final String HOLD_SEAT =
      "UPDATE seat SET status = 'HELD', reservation_number = ?"
          + " WHERE event_id = ? AND seat_id = ? AND status = 'AVAILABLE'"
          + " AND reservation_number IS NULL";

  /** HELD by reservation ?1 -> AVAILABLE, for seat (?2, ?3). */
  static final String RELEASE_SEAT =
      "UPDATE seat SET status = 'AVAILABLE', reservation_number = NULL"
          + " WHERE reservation_number = ? AND event_id = ? AND seat_id = ? AND status = 'HELD'";

  static void bindReservation(PreparedStatement ps, Reservation r, SignedDocument signed)
      throws SQLException {
    ps.setString(1, r.number().value());
    ps.setString(2, r.terminalId().value());
    ps.setString(3, r.requestNumber().value());
    ps.setString(4, r.cardId().value());
    ps.setString(5, r.eventId().value());
    ps.setString(6, r.issuerId().value());
    ps.setLong(7, r.amountYen());
    ps.setString(8, r.status().name());
    ps.setLong(9, r.reservedAt().toEpochMilli());
    ps.setLong(10, r.expiresAt().toEpochMilli());
    ps.setBytes(11, signed.payload());
    ps.setBytes(12, signed.signature());
    ps.setString(13, signed.keyId());
    ps.setString(14, signed.algorithm());
  }

  /** Adds one batch entry per seat of {@code r} to an {@link #INSERT_RESERVATION_SEAT}. */
  static void addSeatBatch(PreparedStatement ps, Reservation r) throws SQLException {
    int position = 0;
    for (ReservedSeat s : r.seats()) {
      ps.setString(1, r.number().value());
      ps.setInt(2, position++);
      ps.setString(3, r.eventId().value());
      ps.setString(4, s.seatId().value());
      ps.setString(5, s.section());
      ps.setString(6, s.row());
      ps.setInt(7, s.number());
      ps.setLong(8, s.priceYen());
      ps.addBatch();
    }
  }

  @Override
  public void insert(Reservation r, SignedDocument signed) {
    sql(
        () -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT_RESERVATION)) {
            bindReservation(ps, r, signed);
            ps.executeUpdate();
          }
          try (PreparedStatement ps = c.prepareStatement(INSERT_RESERVATION_SEAT)) {
            addSeatBatch(ps, r);
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public SignedDocument signedReservation(ReservationNumber number) {
    return sql(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT payload, signature, key_id, algorithm FROM reservation"
                      + " WHERE reservation_number = ?")) {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalStateException("no reservation " + number);
              }
              return new SignedDocument(
                  rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getString(4));
            }
          }
        });
  }

  @Override
  public void holdSeats(Reservation r) {
    changeSeats(r, HOLD_SEAT, true);
  }

  @Override
  public void releaseSeats(Reservation r) {
    changeSeats(r, RELEASE_SEAT, false);
  }

  /**
   * Runs a conditional per-seat UPDATE; when {@code strict}, any seat that did not change aborts
   * the transaction. Releasing is lenient: a seat no longer held by this reservation is not ours.
   */
  private void changeSeats(Reservation r, String update, boolean strict) {
    List<SeatId> unchanged =
        sql(
            () -> {
              List<SeatId> missed = new ArrayList<>();
              try (PreparedStatement ps = c.prepareStatement(update)) {
                for (SeatId id : inLockOrder(r.seatIds())) {
                  ps.setString(1, r.number().value());
                  ps.setString(2, r.eventId().value());
                  ps.setString(3, id.value());
                  if (ps.executeUpdate() != 1) {
                    missed.add(id);
                  }
                }
              }
              return missed;
            });
    if (strict && !unchanged.isEmpty()) {
      throw new SeatConflictException(unchanged);
    }
  }

  private static List<SeatId> inLockOrder(List<SeatId> seatIds) {
    return seatIds.stream().sorted(Comparator.comparing(SeatId::value)).toList();
  }

  @Override
  public void updateStatus(Reservation r, Instant at, String reason) {
    sql(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE reservation SET status = ?, closed_at = ?, cancel_reason = ?"
                      + " WHERE reservation_number = ? AND status = 'HELD'")) {
            ps.setString(1, r.status().name());
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, reason);
            ps.setString(4, r.number().value());
            if (ps.executeUpdate() != 1) {
              throw new IllegalStateException("reservation " + r.number() + " was not HELD");
            }
          }
          return null;
        });
  }

  @Override
  public long nextIssueNumbers(IssuerId issuerId, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one issue number");
    }
    return sql(
        () -> {
          // Increment first: the UPDATE takes the issuer row's lock, so concurrent issuance on
          // PostgreSQL queues here instead of both reading the same numbers.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE issuer SET next_issue_number = next_issue_number + ?"
                      + " WHERE issuer_id = ?")) {
            ps.setInt(1, count);
            ps.setString(2, issuerId.value());
            if (ps.executeUpdate() != 1) {
              throw new IllegalStateException("no issuer " + issuerId);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT next_issue_number - ? FROM issuer WHERE issuer_id = ?")) {
            ps.setInt(1, count);
            ps.setString(2, issuerId.value());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Override
  public Map<ReservationNumber, SignedDocument> signedReservations(
      List<ReservationNumber> numbers) {
    if (numbers.isEmpty()) {
      return Map.of();
    }
    return sql(
        () -> {
          String marks = String.join(", ", Collections.nCopies(numbers.size(), "?"));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT reservation_number, payload, signature, key_id, algorithm"
                      + " FROM reservation WHERE reservation_number IN ("
                      + marks
                      + ")")) {
            for (int i = 0; i < numbers.size(); i++) {
              ps.setString(i + 1, numbers.get(i).value());
            }
            Map<ReservationNumber, SignedDocument> signed = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                signed.put(
                    new ReservationNumber(rs.getString(1)),
                    new SignedDocument(
                        rs.getBytes(2), rs.getBytes(3), rs.getString(4), rs.getString(5)));
              }
            }
            return signed;
          }
        });
  }

  @Override
  public void issue(List<Issue> issues) {
    if (issues.isEmpty()) {
      return;
    }
    sql(
        () -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT_TICKET)) {
            for (Issue i : issues) {
              bindTicket(ps, i.ticket(), i.payment());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps = PaymentRows.prepareInsert(c)) {
            for (Issue i : issues) {
              PaymentRows.bind(
                  ps,
                  i.payment(),
                  PaymentUse.Kind.RESERVATION,
                  i.issued().number().value(),
                  i.ticket().issuedAt());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          for (Issue i : issues) {
            PaymentRows.settle(
                c, i.payment(), PaymentUse.Kind.RESERVATION, i.issued().number().value());
          }
          sellSeats(issues);
          try (PreparedStatement ps = c.prepareStatement(INSERT_TICKET_SEAT)) {
            for (Issue i : issues) {
              for (SeatId id : i.issued().seatIds()) {
                ps.setString(1, i.issued().eventId().value());
                ps.setString(2, id.value());
                ps.setString(3, i.ticket().ticketNumber().value());
                ps.addBatch();
              }
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps = c.prepareStatement(MARK_ISSUED)) {
            for (Issue i : issues) {
              ps.setLong(1, i.ticket().issuedAt().toEpochMilli());
              ps.setString(2, i.issued().number().value());
              ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int k = 0; k < counts.length; k++) {
              if (rowsChanged(counts[k]) != 1) {
                throw new IllegalStateException(
                    "reservation " + issues.get(k).issued().number() + " was not HELD");
              }
            }
          }
          return null;
        });
  }

  /** HELD by each reservation -> SOLD, in seat order across the batch; every seat or none. */
  private void sellSeats(List<Issue> issues) throws SQLException {
    record Sale(Reservation r, SeatId seat) {}
    List<Sale> sales = new ArrayList<>();
    for (Issue i : issues) {
      i.issued().seatIds().forEach(id -> sales.add(new Sale(i.issued(), id)));
    }
    sales.sort(
        Comparator.comparing((Sale x) -> x.r().eventId().value())
            .thenComparing(x -> x.seat().value()));
    try (PreparedStatement ps = c.prepareStatement(SELL_SEAT)) {
      for (Sale sale : sales) {
        ps.setString(1, sale.r().number().value());
        ps.setString(2, sale.r().eventId().value());
        ps.setString(3, sale.seat().value());
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      List<SeatId> missed = new ArrayList<>();
      for (int k = 0; k < counts.length; k++) {
        if (rowsChanged(counts[k]) != 1) {
          missed.add(sales.get(k).seat());
        }
      }
      if (!missed.isEmpty()) {
        throw new SeatConflictException(missed);
      }
    }
  }

  /** A batch entry's row count; a driver that reports none cannot prove a conditional update. */
  private static int rowsChanged(int count) {
    if (count < 0) {
      throw new IllegalStateException("the database driver reported no row count (" + count + ")");
    }
    return count;
  }

  private static final String INSERT_TICKET =
      "INSERT INTO ticket (ticket_number, reservation_number, issuer_id, issue_number,"
          + " card_id, issued_at, payment_method, payment_amount_yen,"
          + " payment_reference, payment_stan, payload, signature, key_id, algorithm)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String SELL_SEAT =
      "UPDATE seat SET status = 'SOLD'"
          + " WHERE reservation_number = ? AND event_id = ? AND seat_id = ? AND status = 'HELD'";

  private static final String INSERT_TICKET_SEAT =
      "INSERT INTO ticket_seat (event_id, seat_id, ticket_number) VALUES (?, ?, ?)";

  private static final String MARK_ISSUED =
      "UPDATE reservation SET status = 'ISSUED', closed_at = ?, cancel_reason = NULL"
          + " WHERE reservation_number = ? AND status = 'HELD'";

  private static void bindTicket(PreparedStatement ps, IssuedTicket t, PaymentProof payment)
      throws SQLException {
    ps.setString(1, t.ticketNumber().value());
    ps.setString(2, t.reservationNumber().value());
    ps.setString(3, t.issuerId().value());
    ps.setLong(4, t.issueNumber());
    ps.setString(5, t.cardId().value());
    ps.setLong(6, t.issuedAt().toEpochMilli());
    ps.setString(7, payment.method().name());
    ps.setLong(8, payment.amountYen());
    ps.setString(9, payment.reference());
    ps.setString(10, payment.stan());
    ps.setBytes(11, t.signed().payload());
    ps.setBytes(12, t.signed().signature());
    ps.setString(13, t.signed().keyId());
    ps.setString(14, t.signed().algorithm());
  }

  @Override
  public Optional<IssuedTicket> ticket(ReservationNumber number) {
    return sql(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT * FROM ticket WHERE reservation_number = ?")) {
            ps.setString(1, number.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new IssuedTicket(
                      new TicketNumber(rs.getString("ticket_number")),
                      rs.getLong("issue_number"),
                      number,
                      new IssuerId(rs.getString("issuer_id")),
                      new CardId(rs.getString("card_id")),
                      Instant.ofEpochMilli(rs.getLong("issued_at")),
                      new SignedDocument(
                          rs.getBytes("payload"),
                          rs.getBytes("signature"),
                          rs.getString("key_id"),
                          rs.getString("algorithm"))));
            }
          }
        });
  }

  @Override
  public Optional<PaymentUse> ticketPayment(ReservationNumber number, PaymentProof proof) {
    return sql(
        () -> PaymentRows.recordedFor(c, PaymentUse.Kind.RESERVATION, number.value(), proof));
  }

  @Override
  public Optional<PaymentUse> paymentUse(PaymentProof proof) {
    return sql(() -> PaymentRows.use(c, proof));
  }

  @Override
  public void refusePayment(PaymentProof proof, ReservationNumber number, Instant at) {
    sql(
        () -> {
          PaymentRows.insert(c, proof, PaymentUse.Kind.REFUSED, number.value(), at);
          return null;
        });
  }

  @Override
  public List<ReservationNumber> overdueHolds(Instant now, int limit) {
    return sql(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT reservation_number FROM reservation"
                      + " WHERE status = 'HELD' AND expires_at <= ?"
                      + " ORDER BY expires_at, reservation_number LIMIT ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            List<ReservationNumber> numbers = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                numbers.add(new ReservationNumber(rs.getString(1)));
              }
            }
            return numbers;
          }
        });
  }

  private Optional<Reservation> one(String query, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        ReservationNumber number = new ReservationNumber(rs.getString("reservation_number"));
        TerminalId terminal = new TerminalId(rs.getString("terminal_id"));
        RequestNumber request = new RequestNumber(rs.getString("request_number"));
        CardId card = new CardId(rs.getString("card_id"));
        EventId event = new EventId(rs.getString("event_id"));
        IssuerId issuer = new IssuerId(rs.getString("issuer_id"));
        long amount = rs.getLong("amount_yen");
        ReservationStatus status = ReservationStatus.valueOf(rs.getString("status"));
        Instant reservedAt = Instant.ofEpochMilli(rs.getLong("reserved_at"));
        Instant expiresAt = Instant.ofEpochMilli(rs.getLong("expires_at"));
        return Optional.of(
            new Reservation(
                number,
                terminal,
                request,
                card,
                event,
                issuer,
                reservedSeats(number),
                amount,
                status,
                reservedAt,
                expiresAt));
      }
    }
  }

  private List<ReservedSeat> reservedSeats(ReservationNumber number) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT * FROM reservation_seat WHERE reservation_number = ? ORDER BY position")) {
      ps.setString(1, number.value());
      List<ReservedSeat> seats = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seats.add(
              new ReservedSeat(
                  new SeatId(rs.getString("seat_id")),
                  rs.getString("section"),
                  rs.getString("row_label"),
                  rs.getInt("seat_number"),
                  rs.getLong("price_yen")));
        }
      }
      return seats;
    }
  }
}
