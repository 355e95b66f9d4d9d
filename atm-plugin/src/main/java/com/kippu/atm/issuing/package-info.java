/**
 * Issuing cards at a kiosk (S2 ¶24, ¶41): the card unit port (stocker hoppers, face printer,
 * capture bin) the kiosk purchase flow drives, free of JavaPOS types.
 */
package com.kippu.atm.issuing;
