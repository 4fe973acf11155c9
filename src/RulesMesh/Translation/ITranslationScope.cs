namespace RulesMesh.Translation;

/// <summary>
/// What a <see cref="TranslationContext"/> delegates to when the engine computes one derived item with it: indexes
/// and derived values as items of their own (each read recorded as a dependency), and the item's warnings.
/// </summary>
internal interface ITranslationScope
{
    T Index<T>(Func<TranslationContext, T> build)
        where T : class;

    TValue Derive<TKey, TValue>(TKey key, Func<TranslationContext, TKey, TValue> compute)
        where TKey : notnull;

    void Warn(TranslationWarning warning);
}
