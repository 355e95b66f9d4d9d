package com.kippu.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The counter where staff check a registered user's identity document in person (S2 ¶35, ¶37): from
 * the operator mode, the user id and the kind of document shown are sent to the center under the
 * operator's token. A pass in the registered name is issued only after this check.
 */
final class IdentityDesk {
  /** The line the check reads, as the console prompts for it and the web panel labels its field. */
  static final String ASKS = "user id and document shown (e.g. hanako01 DRIVERS_LICENSE)";

  private IdentityDesk() {}

  /**
   * Reads the user id and the document, one line, from {@code in} (the web panel sends the line
   * typed into the switch's field) and records the check at the center.
   */
  static void check(Branch branch, BufferedReader in, PrintStream out) throws IOException {
    out.print("  " + ASKS + ": ");
    out.flush();
    String line = in.readLine();
    String[] words = line == null ? new String[0] : line.strip().split("\\s+");
    if (words.length != 2) {
      out.println("  Nothing checked: type the user id and the document, on one line.");
      return;
    }
    String user = words[0];
    String document = words[1];
    try {
      byte[] photo = FacePhotos.take(branch, user);
      CenterCalls.Answer a =
          new CenterCalls(branch).checkIdentity(user, document, java.util.Optional.of(photo));
      out.println(
          "  Identity of "
              + a.body().path("userId").asText()
              + " checked by "
              + a.body().path("checkedBy").asText()
              + " on "
              + a.body().path("document").asText()
              + " at "
              + a.body().path("checkedAt").asText()
              + "; face photo photos/"
              + user
              + ".png taken");
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      out.println("  Not checked: " + e.getMessage());
    }
  }
}
