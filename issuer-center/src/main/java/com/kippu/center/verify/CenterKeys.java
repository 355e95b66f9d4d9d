package com.kippu.center.verify;

import com.kippu.center.signing.PublishedKey;
import com.kippu.center.signing.SigningKey;

/** Port to the center's own Ed25519 key, created on first use and kept from then on. */
public interface CenterKeys {
  SigningKey signingKey();

  PublishedKey publishedKey();
}
