/// The spsim version, printed by `spsim --version` and written into every results manifest.
public enum SpsimVersion {
    public static let current = "0.1.0"
}
