package dev.mlops.examples;

// The README's quick start, shown there from here to the end marker (checked by DocsSnippetsTest).
// snippet:hello
import dev.mlops.core.MlOps;
import dev.mlops.core.StoreInfo;

public class Hello {
  public static void main(String[] args) {
    try (MlOps mlops = MlOps.open()) {                  // $MLOPS_STORE, else ./.mlops
      StoreInfo info = mlops.inspector().info();        // MlOps.local(Path.of("dir")) for another directory
      System.out.println(info.uri() + ": " + info.objects() + " objects, " + info.bytes() + " bytes");
      System.out.println("intact: " + mlops.inspector().verify().ok());
    }
  }
}
// end:hello
