package com.kippu.iso8583.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed spec pages are exactly what {@link SpecPages} renders from {@link Specs}, so the
 * pages and the validator cannot drift. Run with {@code -Dspecs.write=true} to rewrite the pages
 * after changing {@link Specs}.
 */
class SpecPagesTest {
  private static final Path DOCS = Path.of("docs");

  static Stream<MessageSpec> specs() {
    return Specs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void committedPageMatchesTheSpec(MessageSpec spec) throws Exception {
    Path page = DOCS.resolve(SpecPages.path(spec));
    String rendered = SpecPages.render(spec);
    if (Boolean.getBoolean("specs.write")) {
      Files.createDirectories(page.getParent());
      Files.writeString(page, rendered, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(page), page + " missing; run with -Dspecs.write=true");
    assertEquals(rendered, Files.readString(page, StandardCharsets.UTF_8), page + " is stale");
  }

  @Test
  void everyPageInTheDocsIsASpecOrHandWritten() throws Exception {
    Set<String> expected = new HashSet<>();
    Specs.all().forEach(s -> expected.add(SpecPages.path(s)));
    try (Stream<Path> files = Files.walk(DOCS)) {
      files
          .filter(p -> p.toString().endsWith(".md"))
          .map(p -> DOCS.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.contains("/"))
          .forEach(p -> assertTrue(expected.contains(p), p + " has no spec in Specs"));
    }
  }

  @Test
  void specIdsAreUniquePerLink() {
    Set<String> seen = new HashSet<>();
    Specs.all().forEach(s -> assertTrue(seen.add(SpecPages.path(s)), SpecPages.path(s)));
  }
}
