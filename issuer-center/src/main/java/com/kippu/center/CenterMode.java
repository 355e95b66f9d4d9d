package com.kippu.center;

/**
 * Production (the default) requires terminal signatures, seeds no demo data and accepts no
 * development secret, and takes operator tokens only over HTTPS; development (the simulator and
 * tests) seeds the demo catalog and may run without terminal signatures.
 */
public enum CenterMode {
  PRODUCTION,
  DEVELOPMENT;

  static CenterMode parse(String value) {
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "production" -> PRODUCTION;
      case "development" -> DEVELOPMENT;
      default ->
          throw new IllegalArgumentException(
              "center.mode must be production or development: " + value);
    };
  }
}
