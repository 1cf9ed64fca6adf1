using System.Text.Json;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Assistant;

/// <summary>bench/AssistantEval/questions.jsonl cannot rot: every labelled handle exists, every question is complete and unique.</summary>
public sealed class EvaluationSetTests
{
    private static readonly string[] Grades = ["exact", "substitute", "complement", "irrelevant"];

    [SampleCatalogFact]
    public void Every_question_has_a_unique_id_a_category_turns_and_labels_naming_real_products()
    {
        var handles = new SalesBot.Assistant.CatalogIndex(SampleCatalog.Load()).Products.Select(p => p.Product.Handle).ToHashSet(StringComparer.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "bench", "AssistantEval", "questions.jsonl")).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(lines);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var q = JsonDocument.Parse(line).RootElement;
            var id = q.GetProperty("id").GetString()!;
            Assert.True(ids.Add(id), $"duplicate id {id}");
            Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("category").GetString()), $"{id} has no category");
            Assert.Equal("sample", q.GetProperty("catalog").GetString());
            Assert.True(q.GetProperty("turns").GetArrayLength() > 0, $"{id} has no turns");
            foreach (var label in q.GetProperty("labels").EnumerateObject())
            {
                Assert.True(handles.Contains(label.Name), $"{id} labels {label.Name}, which is not in the sample catalogs");
                Assert.Contains(label.Value.GetString(), Grades);
            }
        }
    }
}
