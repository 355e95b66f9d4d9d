package com.kippu.iso8583.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.Link;
import java.util.HashSet;
import java.util.Set;
import org.jpos.iso.ISOFieldPackager;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dictionary agrees with each link's packager XML, and every spec field exists on its link. */
class DataElementsTest {

  @ParameterizedTest
  @EnumSource(Link.class)
  void dictionaryMatchesThePackagerXml(Link link) {
    GenericPackager p = link.packager();
    for (int i = 0; i <= 128; i++) {
      if (i == 1) {
        continue;
      }
      ISOFieldPackager f = p.getFieldPackager(i);
      if (f == null) {
        continue;
      }
      DataElement e = DataElements.find(i).orElse(null);
      assertNotNull(e, link + " field " + i + " missing from DataElements");
      String cls = f.getClass().getSimpleName();
      assertEquals(e.format().length(), f.getLength(), link + " field " + i + " length");
      int prefix = cls.startsWith("IFA_LLL") ? 3 : cls.startsWith("IFA_LL") ? 2 : 0;
      assertEquals(
          e.format().prefixDigits(), prefix, link + " field " + i + " prefix (" + cls + ")");
      boolean numeric = cls.endsWith("NUM") || cls.endsWith("NUMERIC");
      assertEquals(numeric, e.format().charset() == Charset.N, link + " field " + i + " numeric");
      assertEquals(
          cls.endsWith("BINARY"),
          e.format().charset() == Charset.B,
          link + " field " + i + " binary");
    }
  }

  @ParameterizedTest
  @EnumSource(Link.class)
  void everySpecFieldIsDefinedByItsLinksPackager(Link link) {
    GenericPackager p = link.packager();
    Set<Integer> used = new HashSet<>();
    for (MessageSpec s : Specs.of(link)) {
      s.request().fields().forEach(r -> used.add(r.field()));
      s.response().fields().forEach(r -> used.add(r.field()));
    }
    for (int f : used) {
      assertNotNull(p.getFieldPackager(f), link + " packager lacks field " + f);
    }
    assertTrue(used.size() > 10);
  }
}
