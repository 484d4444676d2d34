package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What a user depends on stays whole: the BOM lists exactly the modules that are published (those
 * without {@code maven.deploy.skip}), and getting-started imports the BOM at the build's version.
 */
@DisplayName("The release layout")
class ReleaseLayoutTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  @DisplayName("mlops-bom lists every published module and nothing else")
  void bomListsEveryPublishedModule() throws Exception {
    Document parent = parse(ROOT.resolve("pom.xml"));
    Set<String> published = new TreeSet<>();
    for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
      Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      boolean skipped = texts(pom.getDocumentElement(), "properties", "maven.deploy.skip").contains("true");
      if (!module.equals("mlops-bom") && !skipped) {
        published.add(module);
      }
    }
    Document bom = parse(ROOT.resolve("mlops-bom/pom.xml"));
    Element management = child(bom.getDocumentElement(), "dependencyManagement");
    Set<String> listed = new TreeSet<>(texts(child(management, "dependencies"), "dependency", "artifactId"));

    assertTrue(published.contains("mlops-core"), "the parent's modules were not read: " + published);
    assertEquals(published, listed, "mlops-bom/pom.xml must list exactly the published modules");
    assertEquals(version(parent), version(bom), "mlops-bom has no parent: its version must follow the parent's");
  }

  @Test
  @DisplayName("getting-started imports the BOM at the build's version, for Maven and Gradle")
  void gettingStartedImportsTheBom() throws Exception {
    String page = Files.readString(ROOT.resolve("docs/getting-started.md"));
    String version = version(parse(ROOT.resolve("pom.xml")));
    assertTrue(page.contains("<artifactId>mlops-bom</artifactId>\n      <version>" + version + "</version>\n"
        + "      <type>pom</type>\n      <scope>import</scope>"), "no Maven BOM import at " + version);
    assertTrue(page.contains("implementation(platform(\"dev.mlops:mlops-bom:" + version + "\"))"),
        "no Gradle platform at " + version);
  }

  private static Document parse(Path pom) throws Exception {
    if (!Files.exists(pom)) {
      throw new IOException(pom + " is missing");
    }
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static String version(Document pom) {
    return child(pom.getDocumentElement(), "version").getTextContent().trim();
  }

  /** The first child element with this name. */
  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  /** The texts of the {@code leaf} elements of each {@code group} child element of parent. */
  private static List<String> texts(Element parent, String group, String leaf) {
    List<String> texts = new ArrayList<>();
    NodeList groups = parent.getChildNodes();
    for (int i = 0; i < groups.getLength(); i++) {
      if (groups.item(i) instanceof Element g && g.getTagName().equals(group)) {
        NodeList leaves = g.getChildNodes();
        for (int j = 0; j < leaves.getLength(); j++) {
          if (leaves.item(j) instanceof Element l && l.getTagName().equals(leaf)) {
            texts.add(l.getTextContent().trim());
          }
        }
      }
    }
    return texts;
  }
}
