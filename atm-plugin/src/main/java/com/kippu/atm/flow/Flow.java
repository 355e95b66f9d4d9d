package com.kippu.atm.flow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A flow's steps in their one order and its routes, declared together in the flow's file:
 *
 * <pre>
 * Flow.named("F5")
 *     .step(selectSeats)
 *     .step(holdSeats).on(SEAT_TAKEN, backTo(selectSeats))
 *     .step(pay).on(DECLINED, backTo(choosePayment))
 *     .build();
 * </pre>
 *
 * A step goes on to the next on {@link Outcome#next()}; a {@link Signal} goes where the flow routes
 * it, and a signal the flow does not route fails the session. Routes only lead back, to a step at
 * or before the one raising the signal, so every loop passes a customer screen.
 *
 * @param <S> the flow's session state
 */
public final class Flow<S extends FlowSession> {
  private final String name;
  private final List<Step<S>> steps;
  private final List<Map<Signal, Integer>> routes;

  private Flow(String name, List<Step<S>> steps, List<Map<Signal, Integer>> routes) {
    this.name = name;
    this.steps = List.copyOf(steps);
    this.routes = List.copyOf(routes);
  }

  public static <S extends FlowSession> Builder<S> named(String name) {
    return new Builder<>(name);
  }

  /** A route's target, for {@link Builder#on}. */
  public static <S extends FlowSession> Target<S> backTo(Step<S> step) {
    return new Target<>(step);
  }

  /** Where a route leads: back to {@code step}, rewinding every step done since. */
  public record Target<S extends FlowSession>(Step<S> step) {}

  public String name() {
    return name;
  }

  public List<Step<S>> steps() {
    return steps;
  }

  Step<S> step(int index) {
    return steps.get(index);
  }

  int size() {
    return steps.size();
  }

  /** The index step {@code index} goes back to on {@code signal}, if the flow routes it. */
  Optional<Integer> route(int index, Signal signal) {
    return Optional.ofNullable(routes.get(index).get(signal));
  }

  /** Collects steps and routes in order; {@link #build()} checks ids and targets. */
  public static final class Builder<S extends FlowSession> {
    private final String name;
    private final List<Step<S>> steps = new ArrayList<>();
    private final List<Map<Signal, Target<S>>> targets = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder<S> step(Step<S> step) {
      steps.add(step);
      targets.add(new EnumMap<>(Signal.class));
      return this;
    }

    /** Routes {@code signal} raised by the step added last. */
    public Builder<S> on(Signal signal, Target<S> target) {
      if (steps.isEmpty()) {
        throw new IllegalStateException("flow " + name + ": a route needs a step before it");
      }
      if (targets.get(targets.size() - 1).put(signal, target) != null) {
        throw new IllegalStateException(
            "flow " + name + ": " + signal + " routed twice from " + last().id());
      }
      return this;
    }

    private Step<S> last() {
      return steps.get(steps.size() - 1);
    }

    public Flow<S> build() {
      Set<String> ids = new HashSet<>();
      for (Step<S> s : steps) {
        if (!ids.add(s.id())) {
          throw new IllegalStateException("flow " + name + " has two steps " + s.id());
        }
      }
      List<Map<Signal, Integer>> routes = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        Map<Signal, Integer> resolved = new EnumMap<>(Signal.class);
        for (Map.Entry<Signal, Target<S>> e : targets.get(i).entrySet()) {
          int target = steps.indexOf(e.getValue().step());
          if (target < 0 || target > i) {
            throw new IllegalStateException(
                "flow "
                    + name
                    + ": "
                    + e.getKey()
                    + " from "
                    + steps.get(i).id()
                    + " must lead back to a step of the flow at or before it");
          }
          resolved.put(e.getKey(), target);
        }
        routes.add(resolved);
      }
      return new Flow<>(name, steps, routes);
    }
  }
}
