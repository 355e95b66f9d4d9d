package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.devices.sim.SimulatedPaper;
import org.junit.jupiter.api.Test;

/** How the operator's status line reports a paper roll. */
class OperatorPaperTest {

  @Test
  void anUntouchedEndlessRollIsFull() {
    assertEquals(" (full roll)", Operator.paperLeft(SimulatedPaper.ENDLESS));
  }

  @Test
  void aUsedEndlessRollShowsTheLinesUsedNotAHugeCountLeft() {
    assertEquals(" (fresh roll, 17 lines used)", Operator.paperLeft(SimulatedPaper.ENDLESS - 17));
  }

  @Test
  void aLoadedRollShowsTheLinesLeft() {
    assertEquals(" (60 lines left)", Operator.paperLeft(60));
    assertEquals(" (0 lines left)", Operator.paperLeft(0));
  }
}
