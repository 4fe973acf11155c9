using System.Collections.Generic;
using RulesMesh.Generators.Crd.Model;

namespace RulesMesh.Generators.Crd.Emitting
{
    /// <summary>Renders a <see cref="TypeRef"/> as C# type syntax, looking declared types up by id.</summary>
    internal sealed class TypeNames
    {
        private readonly Dictionary<string, string> _declared = new Dictionary<string, string>(System.StringComparer.Ordinal);

        /// <param name="kind">The kind and version whose declared types are looked up.</param>
        /// <param name="qualifier">Written before each declared type's name: empty inside its namespace, <c>global::Ns.</c> outside.</param>
        public TypeNames(KindVersionModel kind, string qualifier = "")
        {
            foreach (var type in kind.Types)
            {
                _declared[type.Id] = qualifier + type.Name;
            }
        }

        public string Name(string id) => _declared[id];

        public string Render(TypeRef type)
        {
            switch (type.Kind)
            {
                case TypeRefKind.Declared:
                    return _declared[type.Name];
                case TypeRefKind.List:
                    return "global::System.Collections.Generic.List<" + Render(type.Element!) + ">";
                case TypeRefKind.Map:
                    return "global::System.Collections.Generic.Dictionary<string, " + Render(type.Element!) + ">";
                default:
                    return type.Name;
            }
        }

        public string RenderProperty(PropertyModel property) => Render(property.Type) + (property.Nullable ? "?" : string.Empty);
    }
}
