package com.kippu.atm.keys;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys that cannot be read, as a PKCS#11 token's: {@link #handle} wraps a key so that {@code
 * getEncoded()} returns null, which the default provider refuses, and a test-only provider
 * (installed last, so the default provider still serves ordinary keys) runs DESede ECB and CBC on
 * such handles and unwraps into handles.
 */
public final class HandleKeys {
  private static final Provider PROVIDER = new HandleProvider();

  private HandleKeys() {}

  /** {@code real} behind a handle that never gives its bytes; installs the provider. */
  public static SecretKey handle(SecretKey real) {
    install();
    return new Handle(new SecretKeySpec(real.getEncoded(), real.getAlgorithm()));
  }

  private static synchronized void install() {
    if (Security.getProvider(PROVIDER.getName()) == null) {
      Security.addProvider(PROVIDER);
    }
  }

  /** A key whose bytes stay with the test provider. */
  private static final class Handle implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final transient SecretKeySpec inside;

    Handle(SecretKeySpec inside) {
      this.inside = inside;
    }

    @Override
    public String getAlgorithm() {
      return inside.getAlgorithm();
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }

  private static final class HandleProvider extends Provider {
    private static final long serialVersionUID = 1L;

    HandleProvider() {
      super("KippuTestHandles", "1.0", "test-only: DESede on key handles");
      put("Cipher.DESede/ECB/NoPadding", Ecb.class.getName());
      put("Cipher.DESede/CBC/NoPadding", Cbc.class.getName());
    }
  }

  /** DESede under a {@link Handle}, run by the default provider on the key inside. */
  abstract static class HandleCipher extends CipherSpi {
    private final String transformation;
    private Cipher inner;

    HandleCipher(String transformation) {
      this.transformation = transformation;
    }

    private void init(int mode, Key key, AlgorithmParameterSpec params)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      if (!(key instanceof Handle h)) {
        throw new InvalidKeyException("only key handles");
      }
      try {
        inner = Cipher.getInstance(transformation, "SunJCE");
      } catch (GeneralSecurityException e) {
        throw new InvalidKeyException(e);
      }
      int innerMode = mode == Cipher.UNWRAP_MODE ? Cipher.DECRYPT_MODE : mode;
      if (params == null) {
        inner.init(innerMode, h.inside);
      } else {
        inner.init(innerMode, h.inside, params);
      }
    }

    @Override
    protected void engineInit(int mode, Key key, SecureRandom random) throws InvalidKeyException {
      try {
        init(mode, key, null);
      } catch (InvalidAlgorithmParameterException e) {
        throw new InvalidKeyException(e);
      }
    }

    @Override
    protected void engineInit(int mode, Key key, AlgorithmParameterSpec params, SecureRandom random)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      init(mode, key, params);
    }

    @Override
    protected void engineInit(int mode, Key key, AlgorithmParameters params, SecureRandom random)
        throws InvalidKeyException {
      throw new InvalidKeyException("not used by these tests");
    }

    @Override
    protected Key engineUnwrap(byte[] wrapped, String algorithm, int type)
        throws InvalidKeyException, NoSuchAlgorithmException {
      try {
        return new Handle(new SecretKeySpec(inner.doFinal(wrapped), algorithm));
      } catch (GeneralSecurityException e) {
        throw new InvalidKeyException(e);
      }
    }

    @Override
    protected byte[] engineUpdate(byte[] in, int off, int len) {
      return inner.update(in, off, len);
    }

    @Override
    protected int engineUpdate(byte[] in, int off, int len, byte[] out, int outOff)
        throws ShortBufferException {
      return inner.update(in, off, len, out, outOff);
    }

    @Override
    protected byte[] engineDoFinal(byte[] in, int off, int len)
        throws IllegalBlockSizeException, BadPaddingException {
      return inner.doFinal(in, off, len);
    }

    @Override
    protected int engineDoFinal(byte[] in, int off, int len, byte[] out, int outOff)
        throws ShortBufferException, IllegalBlockSizeException, BadPaddingException {
      return inner.doFinal(in, off, len, out, outOff);
    }

    @Override
    protected void engineSetMode(String mode) throws NoSuchAlgorithmException {}

    @Override
    protected void engineSetPadding(String padding) throws NoSuchPaddingException {}

    @Override
    protected int engineGetBlockSize() {
      return 8;
    }

    @Override
    protected int engineGetOutputSize(int len) {
      return inner == null ? len : inner.getOutputSize(len);
    }

    @Override
    protected byte[] engineGetIV() {
      return inner == null ? null : inner.getIV();
    }

    @Override
    protected AlgorithmParameters engineGetParameters() {
      return inner == null ? null : inner.getParameters();
    }
  }

  /** DESede/ECB/NoPadding on handles. */
  public static final class Ecb extends HandleCipher {
    public Ecb() {
      super("DESede/ECB/NoPadding");
    }
  }

  /** DESede/CBC/NoPadding on handles. */
  public static final class Cbc extends HandleCipher {
    public Cbc() {
      super("DESede/CBC/NoPadding");
    }
  }
}
