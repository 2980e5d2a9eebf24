#if canImport(Glibc)
import Glibc
#endif

/// Reads single environment variables with getenv(3). `ProcessInfo.environment` builds a
/// dictionary of the whole environment (and instantiates its generic types) on first use: a
/// measurable share of accord's start-up, for the three or four names it needs.
public enum Environment {
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
