package com.kippu.simulator.web;

import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.SessionSummary;
import com.kippu.simulator.Branch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The terminal's electronic journal as the page reads it: straight from the journal's SQLite file
 * (read-only, beside the plugin writing it), so it shows every session the terminal ever journaled
 * -- the one under way, earlier ones, earlier days -- not only those served from this page. Days
 * are counted in the terminal's zone, as the operations commands count them.
 */
final class JournalPanel {
  static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  private JournalPanel() {}

  private static Path file(Branch branch) {
    return branch.dir().resolve("journal.db");
  }

  /**
   * The journal panel's answer to {@code GET /api/journal?day=yyyy-MM-dd} (the day's sessions, and
   * the days there are; the newest day when none is asked) or {@code ?session=id} (its steps).
   */
  static Map<String, Object> answer(Branch branch, String day, String session) throws WebRefusal {
    Map<String, Object> a = new LinkedHashMap<>();
    if (!session.isEmpty()) {
      a.put("session", session);
      a.put("steps", steps(branch, session));
      return a;
    }
    List<String> days = days(branch);
    String chosen =
        !day.isEmpty() ? day : days.isEmpty() ? LocalDate.now(ZONE).toString() : days.get(0);
    a.put("days", days);
    a.put("day", chosen);
    a.put("sessions", sessionsOn(branch, chosen));
    return a;
  }

  /** The days with sessions in the journal, newest first; none before the first session. */
  static List<String> days(Branch branch) {
    if (!Files.isRegularFile(file(branch))) {
      return List.of();
    }
    TreeSet<LocalDate> days = new TreeSet<>();
    try (JournalView view = JournalView.open(file(branch), ZONE)) {
      for (SessionSummary s : view.allSessions()) {
        days.add(s.started().atZone(ZONE).toLocalDate());
      }
    }
    return days.descendingSet().stream().map(LocalDate::toString).toList();
  }

  /**
   * The sessions that started on {@code day} (yyyy-MM-dd), newest first: start time, flow, last
   * state and the money state in words.
   */
  static List<Map<String, Object>> sessionsOn(Branch branch, String day) throws WebRefusal {
    LocalDate date;
    try {
      date = LocalDate.parse(day);
    } catch (DateTimeParseException e) {
      throw new WebRefusal(400, "'" + day + "' is not a day (yyyy-MM-dd).");
    }
    if (!Files.isRegularFile(file(branch))) {
      return List.of();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (JournalView view = JournalView.open(file(branch), ZONE)) {
      for (SessionSummary s : view.sessionsOn(date)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session", s.id().value());
        row.put("started", s.started().atZone(ZONE).toLocalTime().withNano(0).toString());
        row.put("flow", s.flow());
        row.put("state", s.lastState());
        row.put("money", s.moneyState());
        rows.add(0, row);
      }
    }
    return rows;
  }

  /** Every step of one session, in order, with its facts as journaled (masked). */
  static List<Map<String, Object>> steps(Branch branch, String session) throws WebRefusal {
    if (!session.matches("[A-Za-z0-9._:-]{1,80}")) {
      throw new WebRefusal(400, "'" + session + "' is not a session id.");
    }
    if (!Files.isRegularFile(file(branch))) {
      throw new WebRefusal(404, "The journal has no session " + session + ".");
    }
    List<JournalEntry> entries;
    try (JournalView view = JournalView.open(file(branch), ZONE)) {
      entries = view.entries(new SessionId(session));
    }
    if (entries.isEmpty()) {
      throw new WebRefusal(404, "The journal has no session " + session + ".");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JournalEntry e : entries) {
      rows.add(
          Map.of(
              "at", e.at().atZone(ZONE).toLocalTime().withNano(0).toString(),
              "state", e.state(),
              "facts", new TreeMap<>(e.facts()).toString()));
    }
    return rows;
  }
}
