package com.kippu.iso8583;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;

/**
 * A message of these links that remembers its wire image: the frame it was unpacked from, or the
 * image it was packed and MACed into by {@link com.kippu.iso8583.security.MessageMac#signAndPack}.
 * MACs are then verified over the bytes that travelled, and a {@link LinkChannel} sends the image
 * instead of packing the message a second time. Setting or unsetting any field forgets the image; a
 * clone starts without one.
 */
public class LinkMessage extends ISOMsg {
  private static final long serialVersionUID = 1L;

  private transient byte[] image;
  private transient ISOPackager imagePackager;

  public LinkMessage() {}

  public LinkMessage(String mti) {
    super(mti);
  }

  /**
   * The wire image of this message as it stands, or null when none is known (never packed, or
   * changed since). The array is shared, not copied: callers must not modify it.
   */
  public byte[] wireImage() {
    return image;
  }

  /** As {@link #wireImage()}, but only an image made by (or unpacked with) {@code packager}. */
  public byte[] wireImage(ISOPackager packager) {
    return image != null && imagePackager == packager ? image : null;
  }

  /**
   * Records that {@code wire} is this message, exactly as it stands now, packed by {@code
   * packager}. The array is kept, not copied.
   */
  public void rememberImage(byte[] wire, ISOPackager packager) {
    this.image = wire;
    this.imagePackager = packager;
  }

  @Override
  public void set(ISOComponent c) throws ISOException {
    forget();
    super.set(c);
  }

  @Override
  public void unset(int fldno) {
    forget();
    super.unset(fldno);
  }

  @Override
  public Object clone() {
    LinkMessage m = (LinkMessage) super.clone();
    m.forget();
    return m;
  }

  @Override
  public Object clone(int... fields) {
    Object m = super.clone(fields);
    ((LinkMessage) m).forget();
    return m;
  }

  @Override
  public ISOMsg clone(String... fpaths) {
    ISOMsg m = super.clone(fpaths);
    ((LinkMessage) m).forget();
    return m;
  }

  private void forget() {
    image = null;
    imagePackager = null;
  }
}
