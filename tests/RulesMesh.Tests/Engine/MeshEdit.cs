namespace RulesMesh.Tests.Engine;

/// <summary>
/// One generated edit, as plain numbers so CsCheck can shrink it; <see cref="EditPlanner"/> reads it against the
/// objects present at that point.
/// </summary>
/// <param name="Target">The kind (or other target) edited.</param>
/// <param name="Operation">Which operation: delete, create, delete then recreate, or one of the kind's mutations.</param>
/// <param name="Pick">Which object of the kind (modulo their number).</param>
/// <param name="Value">Which value the operation writes (modulo its choices).</param>
/// <param name="SameBatch">Whether the edit joins the previous edit's batch (one <c>Apply</c> for both).</param>
internal sealed record MeshEdit(EditTarget Target, int Operation, int Pick, int Value, bool SameBatch);
