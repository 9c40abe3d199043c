import Domain

/// The year's diary: things to do on given days, done in date order (and on one day in the
/// order they were written down). Each step may write down later steps, as a clerk who imports a
/// list today notes the day the hours are due.
final class DemoAgenda {
    private struct Entry {
        let day: Int
        let order: Int
        let step: () throws -> Void
    }

    private var heap: [Entry] = []
    private var written = 0
    /// The day being worked through: nothing may be written down for a day already past.
    private(set) var today: CivilDate

    init(from day: CivilDate) { today = day }

    var isEmpty: Bool { heap.isEmpty }

    func on(_ day: CivilDate, _ step: @escaping () throws -> Void) {
        precondition(day >= today, "the demo wrote down a step for \(day), before \(today)")
        written += 1
        heap.append(Entry(day: day.dayNumber, order: written, step: step))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the next step's day without doing it, or nil when the diary is empty.
    var nextDay: CivilDate? { heap.first.map { CivilDate(dayNumber: $0.day) } }

    /// Does the next step, moving `today` to its day.
    func doNext() throws {
        let entry = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var first = parent
                if left < heap.count && precedes(heap[left], heap[first]) { first = left }
                if right < heap.count && precedes(heap[right], heap[first]) { first = right }
                if first == parent { break }
                heap.swapAt(parent, first)
                parent = first
            }
        }
        today = CivilDate(dayNumber: entry.day)
        try entry.step()
    }

    private func precedes(_ a: Entry, _ b: Entry) -> Bool { (a.day, a.order) < (b.day, b.order) }
}
