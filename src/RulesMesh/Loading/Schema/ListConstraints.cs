using System.Text.Json;

namespace RulesMesh.Loading.Schema;

/// <summary>minItems, maxItems (each only when above zero, as NJsonSchema reads them) and the schema every item must pass.</summary>
internal sealed class ListConstraints(int minItems, int maxItems, StructuralSchemaNode? items)
{
    public SchemaVerdict Check(JsonElement list)
    {
        var count = list.GetArrayLength();
        if ((minItems > 0 && count < minItems) || (maxItems > 0 && count > maxItems))
        {
            return SchemaVerdict.Rejected;
        }

        if (items is null)
        {
            return SchemaVerdict.Accepted;
        }

        var verdict = SchemaVerdict.Accepted;
        foreach (var item in list.EnumerateArray())
        {
            switch (items.Check(item))
            {
                case SchemaVerdict.Rejected:
                    return SchemaVerdict.Rejected;
                case SchemaVerdict.Undecided:
                    verdict = SchemaVerdict.Undecided;
                    break;
            }
        }

        return verdict;
    }
}
