package com.kippu.simulator.ops;

import com.kippu.center.IssuerCenterServer;
import com.kippu.simulator.Branch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The operator's line to a branch's center from a command: the running branch's center (its address
 * in {@link Branch#CENTER_URL_FILE}), or, when the branch is stopped and the command may, the
 * branch's center started alone on its database for the command's while. The operator's token is
 * the branch's and is never printed.
 */
public final class CenterLine implements AutoCloseable {
  /** The started center's start-up chatter, kept off the operator's console (warnings stay). */
  private static final List<Logger> QUIET =
      Stream.of("org.flywaydb", "org.eclipse.jetty", "com.kippu.center")
          .map(Logger::getLogger)
          .toList();

  private final URI base;
  private final IssuerCenterServer started;
  private final HttpClient http = HttpClient.newBuilder().build();

  private CenterLine(URI base, IssuerCenterServer started) {
    this.base = base;
    this.started = started;
  }

  /** The running branch's center, if the branch in {@code dir} runs and answers. */
  public static Optional<CenterLine> running(Path dir) {
    Path file = dir.resolve(Branch.CENTER_URL_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      URI base = URI.create(Files.readString(file).trim());
      CenterLine line = new CenterLine(base, null);
      HttpResponse<Void> health =
          line.http.send(
              HttpRequest.newBuilder(base.resolve("/health"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return health.statusCode() < 500 ? Optional.of(line) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      // A file left by a branch that was killed: nobody answers there.
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The running branch's center, or else the stopped branch's center started alone. */
  public static CenterLine open(Path dir) throws IOException {
    Optional<CenterLine> running = running(dir);
    if (running.isPresent()) {
      return running.get();
    }
    QUIET.forEach(l -> l.setLevel(Level.WARNING));
    IssuerCenterServer center;
    try {
      center = Branch.openCenter(dir, Clock.systemUTC());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the branch's center could not be reached nor started ("
              + e.getMessage()
              + "): settle from the branch's operator mode",
          e);
    }
    return new CenterLine(center.baseUri(), center);
  }

  /** The staff desk that voids at this center. */
  public CenterDesk desk() {
    return new CenterDesk(base, Branch.operatorBearer(), http);
  }

  /** {@code GET path} with the operator's token: status and body. */
  public HttpResponse<String> get(String path) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + Branch.operatorBearer())
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
