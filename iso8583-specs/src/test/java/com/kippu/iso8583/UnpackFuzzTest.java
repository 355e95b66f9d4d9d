package com.kippu.iso8583;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.spec.MessageSpec;
import com.kippu.iso8583.spec.MessageValidator;
import com.kippu.iso8583.spec.SpecViolationException;
import com.kippu.iso8583.spec.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;

/**
 * One million random and mutated frames through the strict unpacker and the validator of both
 * links: every frame is either a conforming message or rejected with a clear {@link ISOException}
 * or {@link SpecViolationException}; nothing else is thrown and nothing hangs. Seeded, so a failure
 * reproduces.
 */
class UnpackFuzzTest {
  private static final int FRAMES = 1_000_000;
  private static final long SEED = 0x6B697070755AL;

  @Test
  void randomAndMutatedFramesAreRejectedCleanly() {
    Map<Link, ISOPackager> packagers = new EnumMap<>(Link.class);
    Map<Link, MessageValidator> validators = new EnumMap<>(Link.class);
    List<Seed> seeds = new ArrayList<>();
    for (Link link : Link.values()) {
      packagers.put(link, link.packager());
      validators.put(link, new MessageValidator(link));
    }
    for (MessageSpec spec : Specs.all()) {
      seeds.add(new Seed(spec.link(), image(spec, true, packagers)));
      seeds.add(new Seed(spec.link(), image(spec, false, packagers)));
    }
    int[] outcomes = new int[3];
    List<String> failures = new ArrayList<>();
    assertTimeoutPreemptively(
        Duration.ofMinutes(3),
        () -> {
          SplittableRandom random = new SplittableRandom(SEED);
          for (int i = 0; i < FRAMES; i++) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            byte[] frame = FrameMutator.mutate(seed.image(), random);
            try {
              ISOMsg m = LinkCodec.unpack(packagers.get(seed.link()), frame);
              validators.get(seed.link()).validate(m);
              outcomes[0]++;
            } catch (ISOException e) {
              outcomes[1]++;
              requireMessage(e, i, failures);
            } catch (SpecViolationException e) {
              outcomes[2]++;
              requireMessage(e, i, failures);
            } catch (Throwable t) {
              if (failures.size() < 10) {
                failures.add("frame " + i + ": " + t);
              }
            }
          }
        });
    assertTrue(failures.isEmpty(), String.join("\n", failures));
    assertEquals(FRAMES, outcomes[0] + outcomes[1] + outcomes[2]);
    assertTrue(outcomes[1] > FRAMES / 10, "unpacker rejections " + outcomes[1]);
    assertTrue(outcomes[2] > 1000, "validator rejections " + outcomes[2]);
  }

  private static void requireMessage(Exception e, int i, List<String> failures) {
    String message = e.getMessage();
    if ((message == null || message.isBlank()) && failures.size() < 10) {
      failures.add("frame " + i + ": " + e.getClass().getSimpleName() + " without a message");
    }
  }

  private static byte[] image(MessageSpec spec, boolean request, Map<Link, ISOPackager> p) {
    try {
      ISOMsg m = request ? GoldenMessages.request(spec) : GoldenMessages.response(spec);
      m.setPackager(p.get(spec.link()));
      return m.pack();
    } catch (ISOException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Seed(Link link, byte[] image) {}
}
