resource "aws_cloudfront_distribution" "cdn" {
  enabled = true
}

data "aws_ssm_parameter" "portal" {
  name = "/portal/origin"
}

resource "aws_s3_bucket_cors_configuration" "media" {
  bucket = aws_s3_bucket.media.id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = [
      "https://${aws_cloudfront_distribution.cdn.domain_name}",
      data.aws_ssm_parameter.portal.value,
      "https://media.example.com",
    ]
    max_age_seconds = 3600
  }

  cors_rule {
    allowed_methods = ["PUT"]
    allowed_origins = ["https://media.example.com"]
  }
}
