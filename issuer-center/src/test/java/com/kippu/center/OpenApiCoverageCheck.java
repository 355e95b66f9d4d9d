package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.kippu.center.OpenApiOperations.Operation;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * After the whole suite (run by Maven in the {@code verify} phase, not with the tests): every
 * status {@code openapi.yaml} documents for every operation was answered at least once through
 * {@link CenterClient}, which validated it, as {@link OpenApiExchanges} recorded. A run of part of
 * the suite (one class, an IDE) proves nothing about the rest, so the check is skipped then.
 */
class OpenApiCoverageCheck {
  /**
   * The statuses every operation answers alike, outside any endpoint, so one answer on one route
   * proves them all: each must still be answered at least once, and documented on every operation.
   */
  static final Map<Integer, String> GENERIC =
      Map.of(
          408,
          "the router reads every request's body (an empty one too) under one deadline before"
              + " any endpoint runs",
          413,
          "the router refuses every body over 64 KiB before any endpoint runs",
          503,
          "the admission handler in front of the router refuses requests beyond"
              + " center.http.queue, whatever their route");

  @Test
  void everyDocumentedStatusOfEveryOperationWasAnswered() throws Exception {
    OpenApiExchanges.Recorded run =
        OpenApiExchanges.read(Path.of(System.getProperty("kippu.openapi.recorded")));
    Set<String> notRun = testClasses(Path.of(System.getProperty("kippu.test-classes")));
    notRun.removeAll(run.classes());
    assumeTrue(
        notRun.isEmpty(),
        "not the whole suite ran (" + notRun.size() + " test classes did not): nothing to judge");

    Map<String, Operation> documented = OpenApiOperations.read();
    assertEquals(
        List.of(),
        unanswered(documented, run.answers()),
        "documented answers no test produced through the validating client (write the test, or"
            + " drop the status from openapi.yaml if the center cannot answer it)");
    assertEquals(
        Set.of(),
        genericUnanswered(documented, run.answers()),
        "each status every route answers alike is still produced once");
  }

  /**
   * Each {@code METHOD /path/{}/template status} the document lists that {@code answers} does not
   * hold, but the generic statuses; and each operation that does not document a generic status.
   */
  static List<String> unanswered(Map<String, Operation> documented, Set<String> answers) {
    List<String> missing = new ArrayList<>();
    documented.forEach(
        (operation, op) -> {
          for (int status : op.statuses()) {
            if (!GENERIC.containsKey(status) && !answers.contains(operation + " " + status)) {
              missing.add(operation + " " + status);
            }
          }
          for (int status : GENERIC.keySet()) {
            if (!op.statuses().contains(status)) {
              missing.add(operation + " does not document " + status);
            }
          }
        });
    missing.sort(null);
    return missing;
  }

  /** The generic statuses no operation answered in {@code answers}. */
  static Set<Integer> genericUnanswered(Map<String, Operation> documented, Set<String> answers) {
    Set<Integer> unseen = new TreeSet<>(GENERIC.keySet());
    documented.forEach(
        (operation, op) -> unseen.removeIf(status -> answers.contains(operation + " " + status)));
    return unseen;
  }

  /** The classes surefire runs ({@code **}{@code /*Test}) that hold tests, by name. */
  private static Set<String> testClasses(Path root) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.toList()) {
        String relative = root.relativize(file).toString();
        if (!relative.endsWith("Test.class") || relative.contains("$")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        if (holdsTests(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private static boolean holdsTests(String name) {
    Class<?> type;
    try {
      type = Class.forName(name, false, OpenApiCoverageCheck.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
      return false;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        for (Annotation a : m.getAnnotations()) {
          if (testable(a.annotationType())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * {@code @Test}, {@code @ParameterizedTest} and the like: {@code @Testable}, maybe once removed.
   */
  private static boolean testable(Class<? extends Annotation> type) {
    if (type.isAnnotationPresent(Testable.class)) {
      return true;
    }
    for (Annotation meta : type.getAnnotations()) {
      if (meta.annotationType().isAnnotationPresent(Testable.class)) {
        return true;
      }
    }
    return false;
  }
}
