using System.Diagnostics;

namespace AssistantBench;

/// <summary>
/// The process's memory at each stage of the bench, split the way a budget is spent: the live managed heap (after a full
/// collection), what the GC keeps committed beyond it, mapped files (the runtime's and ONNX Runtime's code, the
/// assemblies) and anonymous memory outside the GC heap (the C heap: ONNX Runtime's weights and tensors, the runtime's own).
/// Read from /proc/self/smaps_rollup (Linux); elsewhere only the working set.
/// </summary>
public sealed class MemoryStages
{
    private readonly List<(string Stage, Snapshot Memory)> _stages = [];

    public void Take(string stage) => _stages.Add((stage, Snapshot.Now()));

    /// <summary>Resets the kernel's peak resident counter (VmHWM), so later stages show the peak from here on (Linux).</summary>
    public static void ResetPeak()
    {
        if (File.Exists("/proc/self/clear_refs")) File.WriteAllText("/proc/self/clear_refs", "5");
    }

    public void Write(TextWriter output)
    {
        output.WriteLine("| stage | working set | live managed heap | GC committed | anonymous outside the GC | mapped files | peak resident since the last reset |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (stage, m) in _stages)
            output.WriteLine($"| {stage} | {Mb(m.WorkingSet)} | {Mb(m.Live)} | {Mb(m.Committed)} | {Mb(m.Anonymous - m.Committed)} | {Mb(m.Files)} | {Mb(m.Peak)} |");
    }

    private static string Mb(long bytes) => bytes < 0 ? "–" : $"{bytes / 1024.0 / 1024.0:F0} MB";

    private readonly record struct Snapshot(long WorkingSet, long Live, long Committed, long Anonymous, long Files, long Peak)
    {
        public static Snapshot Now()
        {
            // The live figure forces a full collection, so it is taken first and the rest reflect the heap after it.
            var live = GC.GetTotalMemory(forceFullCollection: true);
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            using var process = Process.GetCurrentProcess();
            var (anonymous, files) = Rollup();
            return new Snapshot(process.WorkingSet64, live, committed, anonymous, files, PeakResident());
        }

        private static (long Anonymous, long Files) Rollup()
        {
            const string path = "/proc/self/smaps_rollup";
            if (!File.Exists(path)) return (-1, -1);
            long rss = 0, anonymous = 0;
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("Rss:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("Anonymous:", StringComparison.Ordinal)) anonymous = Kb(line);
            }
            return (anonymous, rss - anonymous);
        }

        private static long PeakResident()
        {
            const string path = "/proc/self/status";
            if (!File.Exists(path)) return -1;
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? -1 : Kb(line);
        }

        private static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
