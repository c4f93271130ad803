resource "aws_s3_bucket_cors_configuration" "half" {
  bucket = "acme-half"

  cors_rule {
    allowed_methods = ["GET"]
    allowed_origins = ["*"]
