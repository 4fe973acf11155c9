namespace RulesMesh.Generators.Rules.Model
{
    /// <summary>Mirrors <c>RulesMesh.Rules.RuleStage</c> and which shapes each stage calls.</summary>
    internal static class RuleStages
    {
        public const int Unspecified = 0;
        public const int Capture = 1;
        public const int ServiceModel = 2;
        public const int Backends = 3;
        public const int Routes = 4;
        public const int Listeners = 5;
        public const int Naming = 6;
        public const int Policy = 7;

        public static readonly string[] Names = { "Unspecified", "Capture", "ServiceModel", "Backends", "Routes", "Listeners", "Naming", "Policy" };

        public static int StageOf(RuleShape shape) => shape.Kind == ShapeKind.Contract ? shape.ContractStage : StageOf(shape.Kind);

        public static int StageOf(ShapeKind shape)
        {
            switch (shape)
            {
                case ShapeKind.Waypoint:
                case ShapeKind.ServiceCapture:
                    return Capture;
                case ShapeKind.ServiceModel:
                    return ServiceModel;
                case ShapeKind.ClusterName:
                    return Naming;
                default:
                    return Listeners;
            }
        }
    }
}
