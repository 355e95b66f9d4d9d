package com.kippu.iso8583;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random and mutated frames for fuzzing: the ways a peer, a line or an attacker break a frame. */
public final class FrameMutator {
  private static final byte[] ALPHABET = "0123456789ABCDEF F-".getBytes();

  private FrameMutator() {}

  /** One mutation of {@code valid}, or pure noise, chosen by {@code random}. */
  public static byte[] mutate(byte[] valid, SplittableRandom random) {
    byte[] b = valid.clone();
    switch (random.nextInt(9)) {
      case 0 -> {
        byte[] noise = new byte[random.nextInt(300)];
        random.nextBytes(noise);
        return noise;
      }
      case 1 -> {
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          int i = random.nextInt(b.length);
          b[i] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
      }
      case 2 -> {
        return Arrays.copyOf(b, random.nextInt(b.length));
      }
      case 3 -> {
        byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(40));
        for (int i = b.length; i < longer.length; i++) {
          longer[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return longer;
      }
      case 4 -> {
        // a digit of a bitmap or length prefix replaced by another printable character
        int i = 4 + random.nextInt(Math.min(b.length - 4, 40));
        b[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return b;
      }
      case 5 -> {
        int i = random.nextInt(b.length);
        b[i] = (byte) random.nextInt(256);
        return b;
      }
      case 6 -> {
        int from = random.nextInt(b.length);
        int len = random.nextInt(b.length - from);
        byte[] cut = new byte[b.length - len];
        System.arraycopy(b, 0, cut, 0, from);
        System.arraycopy(b, from + len, cut, from, b.length - from - len);
        return cut;
      }
      case 7 -> {
        for (int i = 4; i < Math.min(20, b.length); i++) {
          b[i] = ALPHABET[random.nextInt(16)];
        }
        return b;
      }
      default -> {
        return b;
      }
    }
  }
}
