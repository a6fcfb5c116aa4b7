/// Levenshtein distance between two strings, by Unicode scalar: the number of single
/// insertions, deletions and substitutions that turn `a` into `b` (for "did you mean"
/// hints on misspelt keys and parameter names).
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}

/// The candidate closest to `word` by `editDistance` (the first of equally close ones),
/// or nil when there are no candidates. No distance limit: callers decide whether the
/// nearest is near enough to suggest.
public func nearest(to word: String, among candidates: [String]) -> String? {
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if let current = best, distance >= current.distance { continue }
        best = (candidate, distance)
    }
    return best?.candidate
}
