/// Strongly connected components of a graph in forward-star form (iterative Tarjan).
enum StronglyConnectedComponents {
    /// A component label per node (labels are 0..<count), and the number of components.
    static func label(nodeCount: Int, firstOut: [UInt32], head: [UInt32]) -> (labels: [UInt32], count: Int) {
        let unvisited = UInt32.max
        var index = [UInt32](repeating: unvisited, count: nodeCount)
        var lowLink = [UInt32](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var labels = [UInt32](repeating: unvisited, count: nodeCount)
        var stack: [UInt32] = []
        var callStack: [(node: UInt32, nextEdge: UInt32)] = []
        var nextIndex: UInt32 = 0
        var componentCount: UInt32 = 0
        for root in 0..<nodeCount where index[root] == unvisited {
            callStack.append((UInt32(root), firstOut[root]))
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(UInt32(root)); onStack[root] = true
            while let frame = callStack.last {
                let node = Int(frame.node)
                if frame.nextEdge < firstOut[node + 1] {
                    callStack[callStack.count - 1].nextEdge += 1
                    let next = Int(head[Int(frame.nextEdge)])
                    if index[next] == unvisited {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(UInt32(next)); onStack[next] = true
                        callStack.append((UInt32(next), firstOut[next]))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                } else {
                    callStack.removeLast()
                    if let parent = callStack.last {
                        lowLink[Int(parent.node)] = min(lowLink[Int(parent.node)], lowLink[node])
                    }
                    if lowLink[node] == index[node] {
                        while let member = stack.popLast() {
                            onStack[Int(member)] = false
                            labels[Int(member)] = componentCount
                            if Int(member) == node { break }
                        }
                        componentCount += 1
                    }
                }
            }
        }
        return (labels, Int(componentCount))
    }
}

extension RoadGraph {
    /// A strongly connected component label per node, and how many components there are.
    public func stronglyConnectedComponents() -> (labels: [UInt32], count: Int) {
        StronglyConnectedComponents.label(nodeCount: nodeCount, firstOut: firstOut, head: head)
    }
}
