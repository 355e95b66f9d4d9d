package com.kippu.center;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks every exchange of the tests' {@link CenterClient} against {@code openapi.yaml}: the status
 * must be one the operation documents, a body must come in a media type documented for that status
 * and, JSON, match its schema, and a JSON request body the center accepted (2xx) must match the
 * operation's request schema. OpenAPI 3.0's {@code nullable} becomes a JSON Schema null type;
 * {@code $ref}s resolve inside the document.
 */
public final class OpenApiBodies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode DOC = load();
  private static final List<Route> ROUTES = routes();
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private record Route(String method, String template, Pattern pattern, JsonNode operation) {}

  private OpenApiBodies() {}

  /**
   * The exchange's disagreements with the document, empty when it agrees. A path the document does
   * not name (a test of an unknown route) is not checked.
   */
  public static List<String> check(
      String method, String path, byte[] request, int status, String type, byte[] response) {
    Optional<Route> found = route(method, path);
    if (found.isEmpty()) {
      return List.of();
    }
    Route route = found.get();
    String where = method + " " + route.template() + " " + status;
    List<String> problems = new ArrayList<>();
    JsonNode answer = resolve(route.operation().path("responses").path(Integer.toString(status)));
    if (answer.isMissingNode()) {
      problems.add(where + ": status not documented");
      return problems;
    }
    String media = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
    JsonNode content = answer.path("content");
    if (response.length > 0 && content.size() > 0 && !content.has(media)) {
      problems.add(where + ": answered " + media + ", documented " + names(content));
    } else if (media.endsWith("json") && response.length > 0) {
      JsonNode schema = content.path(media).path("schema");
      if (!schema.isMissingNode()) {
        problems.addAll(validate(where + " response", schema, response));
      }
    }
    if (status / 100 == 2 && request != null && request.length > 0) {
      JsonNode schema =
          resolve(route.operation().path("requestBody"))
              .path("content")
              .path("application/json")
              .path("schema");
      if (!schema.isMissingNode()) {
        problems.addAll(validate(where + " request", schema, request));
      }
    }
    return problems;
  }

  /**
   * The documented operation a request is, as {@code METHOD /path/{}/template} (the form {@link
   * OpenApiOperations} names operations by); empty for a path the document does not name.
   */
  public static Optional<String> operation(String method, String path) {
    return route(method, path)
        .map(r -> r.method() + " " + r.template().replaceAll("\\{[^}]+}", "{}"));
  }

  private static Optional<Route> route(String method, String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return ROUTES.stream()
        .filter(r -> r.method().equals(method) && r.pattern().matcher(bare).matches())
        .findFirst();
  }

  private static List<String> validate(String where, JsonNode schema, byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return List.of(where + ": not JSON: " + e.getMessage());
    }
    JsonSchema compiled = SCHEMAS.computeIfAbsent(schema.toString(), k -> compile(schema));
    Set<ValidationMessage> errors = compiled.validate(node);
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : errors) {
      out.add(where + ": " + m.getMessage());
    }
    return out;
  }

  /** The schema as the root of a document holding the components its $refs point into. */
  private static JsonSchema compile(JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.setAll((ObjectNode) nullable(schema.deepCopy()));
    root.set("components", nullable(DOC.path("components").deepCopy()));
    return FACTORY.getSchema(root);
  }

  /** OpenAPI 3.0 {@code nullable: true} as JSON Schema's {@code type: [T, "null"]}. */
  private static JsonNode nullable(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      if (o.path("nullable").asBoolean(false) && o.has("type") && o.get("type").isTextual()) {
        ArrayNode types = JSON.createArrayNode().add(o.get("type").asText()).add("null");
        o.set("type", types);
        if (o.has("enum")) {
          ((ArrayNode) o.get("enum")).addNull();
        }
      }
      o.remove("nullable");
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      while (fields.hasNext()) {
        nullable(fields.next().getValue());
      }
    } else if (node.isArray()) {
      node.forEach(OpenApiBodies::nullable);
    }
    return node;
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode at = node;
    while (at.has("$ref")) {
      at = DOC.at(at.get("$ref").asText().substring(1));
    }
    return at;
  }

  private static String names(JsonNode content) {
    List<String> names = new ArrayList<>();
    content.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  private static JsonNode load() {
    try (InputStream in = OpenApiBodies.class.getResourceAsStream("/openapi.yaml")) {
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operation; templates without parameters first, so a literal path wins. */
  private static List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    DOC.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        m -> {
                          if (!m.getValue().isObject() || m.getKey().equals("parameters")) {
                            return;
                          }
                          String regex =
                              "^"
                                  + Pattern.quote(p.getKey())
                                      .replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")
                                  + "$";
                          routes.add(
                              new Route(
                                  m.getKey().toUpperCase(Locale.ROOT),
                                  p.getKey(),
                                  Pattern.compile(regex),
                                  m.getValue()));
                        }));
    routes.sort((a, b) -> Boolean.compare(a.template().contains("{"), b.template().contains("{")));
    return routes;
  }
}
