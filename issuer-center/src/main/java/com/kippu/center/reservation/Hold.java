package com.kippu.center.reservation;

import com.kippu.center.catalog.Issuer;
import com.kippu.center.signing.SignedDocument;

/** A reservation as answered to the terminal: with the issuer to pay and the signed info. */
public record Hold(Reservation reservation, Issuer issuer, SignedDocument signedReservation) {}
