package com.kippu.iso8583.spec;

import com.kippu.iso8583.Link;
import java.util.List;
import java.util.Objects;

/**
 * One message type of one link: request and response field rules plus the code tables and prose of
 * its spec page. The validator checks messages against it and the page is rendered from it.
 *
 * @param id file name of the spec page without {@code .md}, e.g. {@code 0200-account-transfer}
 * @param processingCodes field 3 values this message type uses (empty when it has no field 3)
 * @param networkCodes field 70 values (0800 only)
 * @param responseCodes field 39 values the response may carry, with when
 */
public record MessageSpec(
    String id,
    Link link,
    String title,
    String summary,
    MessageSide request,
    MessageSide response,
    List<CodeRow> processingCodes,
    List<CodeRow> networkCodes,
    List<CodeRow> responseCodes,
    String notes) {
  public MessageSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(notes, "notes");
    processingCodes = List.copyOf(processingCodes);
    networkCodes = List.copyOf(networkCodes);
    responseCodes = List.copyOf(responseCodes);
  }
}
