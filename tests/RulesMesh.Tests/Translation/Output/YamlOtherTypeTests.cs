using CsCheck;
using RulesMesh.Translation.Output;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// A string a YAML reader would take for a number, a date or another type is quoted. The quick look ahead of the
/// pattern that says so (addresses and durations start like numbers) must only save running it, never change its verdict.
/// </summary>
public sealed class YamlOtherTypeTests
{
    [Theory]
    [InlineData("10.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("5s", false)]
    [InlineData("1.2.3", false)]
    [InlineData("8080", true)]
    [InlineData("1.5", true)]
    [InlineData("1e3", true)]
    [InlineData("1_000", true)]
    [InlineData("0x1F", true)]
    [InlineData("0o17", true)]
    [InlineData("0b101", true)]
    [InlineData("1:30.5", true)]
    [InlineData("-.inf", true)]
    [InlineData(".NaN", true)]
    [InlineData("2001-12-14", true)]
    [InlineData("2001-12-14t21.59.43.10", true)]
    public void A_string_that_starts_like_a_number_is_another_type_only_if_a_reader_takes_it_for_one(string text, bool anotherType)
        => Assert.Equal(anotherType, JsonYamlWriter.LooksLikeAnotherType(text));

    [Fact]
    public void Strings_made_of_number_and_date_characters_and_a_few_others_are_judged_as_the_pattern_judges_them()
        => Gen.String[Gen.Char["0123456789_.+-:eExoabcdfABCDFiInN\nsTt /"], 0, 8].Sample(
            text => Assert.Equal(text.Length == 0 || JsonYamlWriter.NonString().IsMatch(text), JsonYamlWriter.LooksLikeAnotherType(text)),
            iter: 20000);

    // Random characters seldom make a number; pieces of numbers, dates and addresses put together often do.
    [Fact]
    public void Strings_made_of_pieces_of_numbers_dates_and_addresses_are_judged_as_the_pattern_judges_them()
        => Gen.OneOf("0x", "0o", "0b", "0", "1", "7", "12", "_", ".", "e", "E", "+", "-", ":", "a", "c", "d", "F", "inf", "Inf", "nan", "NaN", ".NAN", "2001-12-14", "T", "t", " ", "s", "/", "\n")
            .Array[1, 5].Select(string.Concat).Sample(
                text => Assert.Equal(JsonYamlWriter.NonString().IsMatch(text), JsonYamlWriter.LooksLikeAnotherType(text)),
                iter: 20000);
}
