package com.kippu.center;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Tells {@link OpenApiExchanges} which test classes ran and writes its record when the run ends;
 * registered for every run through {@code META-INF/services}. A test class is known by its own
 * container (not a nested one), whether it ran or was skipped whole.
 */
public final class OpenApiExchangeListener implements TestExecutionListener {
  @Override
  public void executionStarted(TestIdentifier test) {
    classOf(test);
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    classOf(test);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    classOf(test);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    OpenApiExchanges.write();
  }

  private static void classOf(TestIdentifier test) {
    if (test.isContainer()
        && test.getSource().orElse(null) instanceof ClassSource source
        && !source.getClassName().contains("$")) {
      OpenApiExchanges.classRan(source.getClassName());
    }
  }
}
