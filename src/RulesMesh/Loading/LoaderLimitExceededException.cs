using YamlDotNet.Core;

namespace RulesMesh.Loading;

/// <summary>A document went beyond one of the <see cref="LoaderLimits"/>; the message names the limit and how to raise it.</summary>
internal sealed class LoaderLimitExceededException(Mark start, string message) : YamlException(start, start, message);
