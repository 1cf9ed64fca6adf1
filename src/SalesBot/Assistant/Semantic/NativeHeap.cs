using System.Runtime.InteropServices;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Gives the C heap's free pages back to the system after an embedding build. ONNX Runtime allocates its intermediate
/// tensors with malloc (the arena is off), and glibc keeps what a finished build freed in the build thread's arena, so
/// without this the process stays at its build-time high-water mark. A no-op where there is no glibc.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl (Alpine) has no malloc_trim
        }
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code in the project for one blittable call.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
