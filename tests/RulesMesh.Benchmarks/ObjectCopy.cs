using System.Text.Json;
using k8s;
using k8s.Models;
using RulesMesh.Loading;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Deep copies of input objects, through their manifest JSON: an edit hands the engine a new object, as a watch would,
/// and never changes one the engine already holds.
/// </summary>
internal static class ObjectCopy
{
    public static T Of<T>(T resource)
        where T : IKubernetesObject<V1ObjectMeta>
        => (T)JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), ManifestJsonOptions.Default), resource.GetType(), ManifestJsonOptions.Default)!;
}
